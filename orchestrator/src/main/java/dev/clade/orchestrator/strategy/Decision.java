package dev.clade.orchestrator.strategy;

import dev.clade.agents.proposer.Operator;
import java.util.Objects;

/** What a strategy wants done next. */
public sealed interface Decision {

    /**
     * Propose a child of {@code parent}; {@code operator} says why, and so how bold the change should be; the child
     * joins {@code island} ({@link ArchiveView.Node#NO_ISLAND} for strategies without islands).
     */
    record Expand(long parent, Operator operator, int island) implements Decision {

        /** A child on no island (strategies without islands). */
        public Expand(long parent, Operator operator) {
            this(parent, operator, ArchiveView.Node.NO_ISLAND);
        }
    }

    /** Evaluate {@code node} on one more task (HGM); {@code task} is one of the evaluator's task ids. */
    record Evaluate(long node, String task) implements Decision {
        public Evaluate {
            Objects.requireNonNull(task, "task");
        }
    }

    /** Nothing sensible can start until work in flight finishes. */
    record Wait() implements Decision {}

    /** The strategy has nothing more to try. */
    record Stop(String reason) implements Decision {}
}
