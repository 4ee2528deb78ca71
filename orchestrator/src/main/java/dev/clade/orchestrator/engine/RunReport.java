package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.campaign.CampaignState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Where a campaign stands after a run: experiments counted by state (the root is not one), the baseline, the best node and its branch, and the holdout
 * scores of both when the evaluator has a holdout stage.
 */
public record RunReport(
        String campaign,
        CampaignState state,
        String stopReason,
        int budget,
        Map<String, Long> countsByState,
        NodeInfo baseline,
        Optional<NodeInfo> best,
        OptionalDouble baselineHoldout,
        OptionalDouble bestHoldout,
        Path repository,
        String baseCommit,
        Duration active,
        boolean maximize,
        String proposer,
        dev.clade.orchestrator.cost.CostTotals cost,
        OptionalDouble costBudgetUsd,
        java.util.List<ModelUsage> models,
        long nearCopies) {

    public RunReport {
        countsByState = Map.copyOf(countsByState);
        models = java.util.List.copyOf(models);
    }

    public long experiments() {
        return countsByState.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Relative change of the best score over the baseline's, in percent; empty when either is missing or zero. */
    public OptionalDouble improvementPercent() {
        if (best.isEmpty() || baseline.score().isEmpty() || baseline.score().getAsDouble() == 0) {
            return OptionalDouble.empty();
        }
        double b = baseline.score().getAsDouble();
        return OptionalDouble.of((best.get().score().getAsDouble() - b) / Math.abs(b) * 100);
    }
}
