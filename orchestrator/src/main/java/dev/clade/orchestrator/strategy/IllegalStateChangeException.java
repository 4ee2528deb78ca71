package dev.clade.orchestrator.strategy;

/** A node was asked to move between two states that its life does not connect. */
public class IllegalStateChangeException extends IllegalStateException {

    private final NodeState from;
    private final NodeState to;

    public IllegalStateChangeException(NodeState from, NodeState to) {
        super("a node cannot move from " + from + " to " + to);
        this.from = from;
        this.to = to;
    }

    public NodeState from() {
        return from;
    }

    public NodeState to() {
        return to;
    }
}
