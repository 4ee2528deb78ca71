package dev.clade.orchestrator.archive;

/** The answer of {@link ArchiveService#reserve}: a new node to work on, or why there is none now. */
public sealed interface Reservation {

    /** A node was added in state PROPOSING and counted against the budget. */
    record Reserved(NodeInfo node) implements Reservation {}

    /** A task evaluation of an existing node was started (its result row is RUNNING) and counted. */
    record EvaluationReserved(NodeInfo node, String task) implements Reservation {}

    /** The strategy waits for work in flight. */
    record Wait() implements Reservation {}

    /** No more nodes: the experiment budget is spent or the strategy stopped. */
    record Done(String reason) implements Reservation {}
}
