package dev.clade.orchestrator.archive;

import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.strategy.ArchiveView;
import dev.clade.orchestrator.strategy.Decision;

/**
 * Turns a strategy's decision into reserved work, inside the reserving transaction: a new node numbered from the locked
 * campaign row, or a task result started for the node and task chosen. A decision the budget or the task list does
 * not allow is a bug in the strategy.
 */
final class Reservations {

    private final NodeRepository nodes;
    private final TaskResultRepository results;

    Reservations(NodeRepository nodes, TaskResultRepository results) {
        this.nodes = nodes;
        this.results = results;
    }

    Reservation of(Campaign campaign, CampaignPlan plan, ArchiveView.Budget budget, Decision decision) {
        return switch (decision) {
            case Decision.Wait w -> new Reservation.Wait();
            case Decision.Stop s -> new Reservation.Done("strategy stopped: " + s.reason());
            case Decision.Expand e -> expand(campaign, budget, e);
            case Decision.Evaluate e -> evaluate(campaign.id, plan, budget, e);
        };
    }

    private Reservation expand(Campaign campaign, ArchiveView.Budget budget, Decision.Expand e) {
        if (!budget.canExpand()) {
            throw new IllegalStateException("strategy expanded past the experiment budget");
        }
        return new Reservation.Reserved(NodeInfo.of(insert(campaign, e)));
    }

    private Reservation evaluate(long campaignId, CampaignPlan plan, ArchiveView.Budget budget, Decision.Evaluate e) {
        if (!budget.canEvaluate() || !plan.tasks().contains(e.task())) {
            throw new IllegalStateException(
                    "strategy asked for an evaluation the budget or task list does not allow: " + e);
        }
        return evaluation(campaignId, e);
    }

    private Reservation evaluation(long campaignId, Decision.Evaluate e) {
        Node node = nodes.byNumber(campaignId, e.node())
                .orElseThrow(() -> new IllegalStateException("strategy chose unknown node " + e.node()));
        if (results.of(node.id, e.task()).isPresent()) {
            throw new IllegalStateException("node " + e.node() + " was already evaluated on task " + e.task());
        }
        results.start(node.id, e.task());
        return new Reservation.EvaluationReserved(NodeInfo.of(node), e.task());
    }

    private Node insert(Campaign campaign, Decision.Expand e) {
        Node node = Node.child(campaign.id, campaign.nextNode++, e.parent(), e.operator(), e.island());
        nodes.persist(node);
        campaign.updatedAt = node.createdAt;
        return node;
    }
}
