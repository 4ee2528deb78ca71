package dev.clade.orchestrator.strategy;

import dev.clade.agents.proposer.Operator;

/** What a strategy wants done next. */
public sealed interface Decision {

    /** Propose a child of {@code parent}; {@code operator} says why, and so how bold the change should be. */
    record Expand(long parent, Operator operator) implements Decision {}

    /** Nothing sensible can start until work in flight finishes. */
    record Wait() implements Decision {}

    /** The strategy has nothing more to try. */
    record Stop(String reason) implements Decision {}
}
