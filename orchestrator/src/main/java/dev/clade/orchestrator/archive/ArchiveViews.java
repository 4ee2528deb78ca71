package dev.clade.orchestrator.archive;

import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.strategy.ArchiveView;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds the archive as strategies see it from a campaign's rows, with what its budget still allows. */
final class ArchiveViews {

    private ArchiveViews() {}

    /** The view of a campaign's archive kept in memory: its nodes and the task evaluations started. */
    static ArchiveView of(Campaign campaign, List<ArchiveView.Node> nodes, long used, CampaignPlan plan) {
        return of(campaign.experimentsStarted(), nodes, used, plan);
    }

    /** As {@link #of(Campaign, List, long, CampaignPlan)}, with the experiments started counted elsewhere. */
    static ArchiveView of(long experimentsStarted, List<ArchiveView.Node> nodes, long used, CampaignPlan plan) {
        return new ArchiveView(nodes, plan.direction(), plan.tasks(), budget(experimentsStarted, used, plan));
    }

    private static ArchiveView.Budget budget(long experimentsStarted, long used, CampaignPlan plan) {
        return new ArchiveView.Budget(
                experimentsStarted < plan.experiments(),
                plan.evaluatesOnExpand() || used < plan.evaluationBudget(),
                used,
                plan.evaluatesOnExpand() ? -1 : plan.evaluationBudget());
    }

    static ArchiveView of(Campaign campaign, List<Node> nodes, List<TaskResult> results, CampaignPlan plan) {
        Map<Long, Set<String>> tried = results.stream()
                .collect(Collectors.groupingBy(r -> r.nodeId, Collectors.mapping(r -> r.task, Collectors.toSet())));
        List<ArchiveView.Node> archive = nodes.stream()
                .map(n -> new ArchiveView.Node(
                        n.number,
                        n.parentNumber == null ? -1 : n.parentNumber,
                        n.operator,
                        n.state,
                        n.scoreValue(),
                        n.evaluations,
                        Math.min(n.utilitySum, n.evaluations),
                        tried.getOrDefault(n.id, Set.of()),
                        n.island == null ? ArchiveView.Node.NO_ISLAND : n.island,
                        MetaJson.readNumbers(n.traits)))
                .toList();
        long used = tried.values().stream().mapToLong(Set::size).sum();
        return of(campaign, archive, used, plan);
    }
}
