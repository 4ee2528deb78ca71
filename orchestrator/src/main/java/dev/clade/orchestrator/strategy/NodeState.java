package dev.clade.orchestrator.strategy;

import java.util.EnumSet;
import java.util.Set;

/**
 * Life of a node. A crash may leave a node in any unfinished state; a restart picks it up from there: a {@code
 * PROPOSING} node is proposed again (same id, same seed), a {@code COMMITTED} or {@code EVALUATING} node is evaluated
 * again.
 */
public enum NodeState {
    /** Reserved in the budget; the proposer is working on it. */
    PROPOSING,
    /** Its commit and branch exist; not evaluated yet. */
    COMMITTED,
    /** The evaluator is running on it. */
    EVALUATING,
    /** Every search stage ran and passed its threshold: the node has a score. */
    SCORED,
    /** A stage's score missed its threshold, so later stages did not run. */
    GATED,
    /** A stage crashed, timed out or printed no valid score. */
    FAILED,
    /** The proposer made no valid change: nothing was committed. */
    INVALID;

    private static final Set<NodeState> UNFINISHED = EnumSet.of(PROPOSING, COMMITTED, EVALUATING);

    public boolean finished() {
        return !UNFINISHED.contains(this);
    }

    /** Failed or gated: a node the greedy strategy may try to repair. */
    public boolean broken() {
        return this == FAILED || this == GATED;
    }

    /** Whether a node may move from this state to {@code next}. */
    public boolean canMoveTo(NodeState next) {
        return switch (this) {
            case PROPOSING -> next == COMMITTED || next == INVALID || next == PROPOSING;
            // COMMITTED -> a result directly: a node evaluated task by task (hgm) never is EVALUATING as a whole.
            case COMMITTED, EVALUATING -> next == EVALUATING || evaluated(next);
            // A node evaluated on one more task is judged again on all its results.
            case SCORED, GATED, FAILED -> evaluated(next);
            case INVALID -> false;
        };
    }

    private static boolean evaluated(NodeState state) {
        return state == SCORED || state == GATED || state == FAILED;
    }

    /** Throws an {@link IllegalStateChangeException} naming both states unless the move is allowed. */
    public NodeState checkMoveTo(NodeState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateChangeException(this, next);
        }
        return next;
    }
}
