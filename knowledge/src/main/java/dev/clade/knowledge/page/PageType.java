package dev.clade.knowledge.page;

/** What a knowledge page is for; retrieval picks pages by type (a workflow first, on an error its environment). */
public enum PageType {
    /** Ordered steps: a how-to, a recipe, a procedure. */
    WORKFLOW,
    /** Why something works: explanation, theory, paper abstracts. */
    PRINCIPLE,
    /** Code, and how a thing is implemented. */
    IMPLEMENTATION,
    /** Installation, versions, hardware, configuration, errors and their fixes. */
    ENVIRONMENT,
    /** Rules of thumb, tips, tuning advice. */
    HEURISTIC
}
