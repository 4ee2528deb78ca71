package dev.clade.orchestrator.bench;

import java.util.OptionalLong;

/**
 * The outcome of one simulated campaign, in true (hidden) utilities.
 *
 * @param bestUtility the highest true utility among the nodes the run created, the root included
 * @param finalUtility the true utility of the strategy's final answer (the root's when it names none)
 * @param evaluationsToLevel evaluations spent when the first node with true utility at or above the landscape's level
 *     was created; empty when none was
 * @param nodes nodes created beyond the root
 * @param evaluationsUsed task evaluations spent, never more than the budget
 * @param endReason why the run ended: the strategy's stop reason, or that it asked to wait
 */
public record RunResult(
        double bestUtility,
        double finalUtility,
        OptionalLong evaluationsToLevel,
        int nodes,
        long evaluationsUsed,
        String endReason) {}
