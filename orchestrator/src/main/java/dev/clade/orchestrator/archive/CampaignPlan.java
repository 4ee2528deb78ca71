package dev.clade.orchestrator.archive;

import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.campaign.CampaignSpec.Direction;
import dev.clade.orchestrator.campaign.CampaignSpec.UtilityRange;
import dev.clade.orchestrator.strategy.ArchiveView;
import dev.clade.orchestrator.strategy.SearchStrategy;
import java.util.List;

/**
 * What the archive needs to know of a campaign's spec and strategy to count budgets and judge results.
 *
 * @param tasks the evaluator's tasks, or the single task {@link ArchiveView#WHOLE}
 * @param evaluationBudget total task evaluations allowed to a task-by-task strategy
 * @param evaluatesOnExpand whether a new node is evaluated on every task at once
 */
public record CampaignPlan(
        int experiments,
        long evaluationBudget,
        List<String> tasks,
        Direction direction,
        UtilityRange range,
        boolean evaluatesOnExpand) {

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
                strategy.evaluatesOnExpand());
    }

    public boolean hasTasks() {
        return !tasks.equals(List.of(ArchiveView.WHOLE));
    }
}
