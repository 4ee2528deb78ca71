package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.archive.NodeState;
import dev.clade.orchestrator.campaign.CampaignSpec.Direction;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Small reductions over a campaign's nodes shared by the runner and the CLI. */
public final class Reports {

    private Reports() {}

    /** The scored node with the best score (ties: the older node), the root included. */
    public static Optional<NodeInfo> best(List<NodeInfo> nodes, Direction direction) {
        Comparator<NodeInfo> byScore = Comparator.comparingDouble(n -> n.score().getAsDouble());
        if (direction == Direction.MINIMIZE) {
            byScore = byScore.reversed();
        }
        return nodes.stream()
                .filter(n -> n.state() == NodeState.SCORED && n.score().isPresent())
                .max(byScore.thenComparing(
                        Comparator.comparingLong(NodeInfo::number).reversed()));
    }
}
