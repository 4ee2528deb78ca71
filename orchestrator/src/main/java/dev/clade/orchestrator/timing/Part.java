package dev.clade.orchestrator.timing;

/** Where an experiment's time goes; everything but {@link #STAGES} is the loop's own overhead. */
public enum Part {
    /** Bringing a folder to a commit: a worker checkout's sync, or a fresh export. */
    CHECKOUT("checkout"),
    /** The proposer changing the checkout (the model's time, for an LLM proposer). */
    PROPOSE("propose"),
    /** Scanning the checkout, hashing what moved and writing the child's commit. */
    COMMIT("commit"),
    /** Checking the pinned files after each stage. */
    PINNED("pinned check"),
    /** Transactions of the archive, except the reservation's. */
    DATABASE("database"),
    /** The reservation: the budget, the strategy's decision, the new node. */
    SCHEDULING("scheduling"),
    /** The evaluator's stages in the sandbox: the work, not overhead. */
    STAGES("stages");

    private final String label;

    Part(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
