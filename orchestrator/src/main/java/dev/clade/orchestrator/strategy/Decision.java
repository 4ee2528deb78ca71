package dev.clade.orchestrator.strategy;

import dev.clade.agents.proposer.Operator;
import java.util.Objects;

/** What a strategy wants done next. */
public sealed interface Decision {

    /** Propose a child of {@code parent}; {@code operator} says why, and so how bold the change should be. */
    record Expand(long parent, Operator operator) implements Decision {}

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
