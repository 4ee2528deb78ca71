package dev.clade.agents.proposer;

/** Why the strategy chose to expand the parent, which decides how bold the change should be. */
public enum Operator {
    /** The campaign's starting point; never proposed. */
    ROOT,
    /** A fresh attempt from the root. */
    DRAFT,
    /** Improve a good node. */
    IMPROVE,
    /** Repair a node whose evaluation failed or did not pass a stage threshold. */
    DEBUG;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
