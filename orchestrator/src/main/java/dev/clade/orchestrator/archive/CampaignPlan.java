package dev.clade.orchestrator.archive;

import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.campaign.CampaignSpec.UtilityRange;
import dev.clade.orchestrator.strategy.ArchiveView;
import dev.clade.orchestrator.strategy.Direction;
import dev.clade.orchestrator.strategy.SearchStrategy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the archive needs to know of a campaign's spec and strategy to count budgets and judge results.
 *
 * @param tasks the evaluator's tasks, or the single task {@link ArchiveView#WHOLE}
 * @param evaluationBudget total task evaluations allowed to a task-by-task strategy
 * @param evaluatesOnExpand whether a new node is evaluated on every task at once
 * @param wallClock the most time the campaign may be active, summed over its runs
 * @param costUsd the most dollars its model calls may cost
 */
public record CampaignPlan(
        int experiments,
        long evaluationBudget,
        List<String> tasks,
        Direction direction,
        UtilityRange range,
        boolean evaluatesOnExpand,
        Optional<Duration> wallClock,
        OptionalDouble costUsd) {

    public CampaignPlan {
        tasks = List.copyOf(tasks);
    }

    public static CampaignPlan of(CampaignSpec spec, SearchStrategy strategy) {
        List<String> tasks = spec.evaluator().tasks().isEmpty()
                ? List.of(ArchiveView.WHOLE)
                : spec.evaluator().tasks();
        long evaluations =
                spec.budget().evaluations().orElse((long) spec.budget().experiments() * tasks.size());
        return new CampaignPlan(
                spec.budget().experiments(),
                evaluations,
                tasks,
                spec.evaluator().direction(),
                spec.evaluator().range(),
                strategy.evaluatesOnExpand(),
                spec.budget().wallClock(),
                spec.budget().costUsd());
    }

    /**
     * Why the budget allows no new work whatever the archive holds: the wall clock or the dollars are spent. Checked
     * when work is reserved, before experiments and evaluations.
     */
    public Optional<String> spent(Spending spending) {
        if (wallClock.isPresent() && spending.activeMillis() >= wallClock.get().toMillis()) {
            return Optional.of("wall-clock budget of " + wallClock.get() + " spent");
        }
        OptionalDouble left = spending.dollarsLeft();
        if (left.isPresent() && left.getAsDouble() <= 0) {
            return Optional.of(String.format(Locale.ROOT, "dollar budget of $%.2f spent", costUsd.orElse(0)));
        }
        return Optional.empty();
    }

    public boolean hasTasks() {
        return !tasks.equals(List.of(ArchiveView.WHOLE));
    }
}
