package dev.clade.orchestrator.archive;

import dev.clade.orchestrator.evaluation.EvaluationResult;
import dev.clade.orchestrator.strategy.NodeState;
import java.time.Instant;
import java.util.List;

/**
 * How task results become a node's verdict. A node with at least one scored task is SCORED; its score is the mean over
 * its evaluated tasks, where a failed or gated task counts with the worst score of the utility range (so failing
 * tasks never flatters a node). With no scored task it is GATED when every task was gated, else FAILED. Its utility
 * sum (for HGM) adds each task's utility, 0 for a failed or gated task.
 */
final class TaskResults {

    private TaskResults() {}

    static void record(TaskResult r, EvaluationResult result, CampaignPlan plan) {
        switch (result) {
            case EvaluationResult.Scored s -> {
                r.state = "SCORED";
                r.score = s.score();
                r.utility = plan.range().utility(s.score(), plan.direction());
                r.reason = null;
            }
            case EvaluationResult.Gated g -> {
                r.state = "GATED";
                r.score = null;
                r.utility = 0.0;
                r.reason = g.reason();
            }
            case EvaluationResult.Failed f -> {
                r.state = "FAILED";
                r.score = null;
                r.utility = 0.0;
                r.reason = "stage '" + f.stage() + "': " + f.reason();
            }
        }
        r.finishedAt = Instant.now();
    }

    static void judge(Node node, List<TaskResult> all, CampaignPlan plan) {
        List<TaskResult> done = all.stream().filter(TaskResult::finished).toList();
        if (done.isEmpty()) {
            return;
        }
        node.evaluations = done.size();
        node.utilitySum = done.stream()
                .mapToDouble(r -> r.utility == null ? 0 : r.utility)
                .sum();
        boolean anyScored = done.stream().anyMatch(r -> "SCORED".equals(r.state));
        if (anyScored) {
            node.moveTo(NodeState.SCORED);
            double worst = plan.range().worst(plan.direction());
            node.score = done.stream()
                    .mapToDouble(r -> r.score == null ? worst : r.score)
                    .average()
                    .orElseThrow();
            node.reason = null;
        } else {
            boolean allGated = done.stream().allMatch(r -> "GATED".equals(r.state));
            node.moveTo(allGated ? NodeState.GATED : NodeState.FAILED);
            node.score = null;
            TaskResult first = done.getFirst();
            node.reason = (plan.hasTasks() ? "task " + first.task + ", " : "") + first.reason;
        }
    }
}
