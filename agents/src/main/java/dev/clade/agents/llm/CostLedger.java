package dev.clade.agents.llm;

import java.util.OptionalDouble;

/**
 * Where model calls are counted: per call, per node and per campaign. Implementations are thread-safe; the
 * orchestrator keeps them in PostgreSQL.
 */
public interface CostLedger {

    /** Counts a call made while proposing node {@code node} of campaign {@code campaign}. */
    void record(String campaign, long node, LlmCall call);

    /** Dollars the campaign may still spend; empty when it has no dollar budget. Never negative. */
    OptionalDouble remainingUsd(String campaign);

    /** A ledger that counts nothing and never runs out, for tools and tests that have no campaign. */
    CostLedger UNLIMITED = new CostLedger() {
        @Override
        public void record(String campaign, long node, LlmCall call) {}

        @Override
        public OptionalDouble remainingUsd(String campaign) {
            return OptionalDouble.empty();
        }
    };
}
