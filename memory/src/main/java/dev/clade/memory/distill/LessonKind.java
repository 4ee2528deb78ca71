package dev.clade.memory.distill;

/** What a lesson is about (DESIGN.md, "Lessons"). */
public enum LessonKind {
    /** A change that broke the run: an error, a crash, a timeout. */
    FAILURE_MODE,
    /** A change that improved the score. */
    SUCCESS_PATTERN,
    /** Something about the machine the evaluator runs on: a missing module, memory, time. */
    ENVIRONMENT_CONSTRAINT,
    /** A change that did not move the score. */
    NO_GAIN,
    /** Advice a model wrote from a campaign's best and failed recent nodes, for its next proposals. */
    RECOMMENDATION
}
