package dev.clade.orchestrator.archive;

import dev.clade.agents.proposer.NodeSummary;
import dev.clade.orchestrator.strategy.Direction;
import dev.clade.orchestrator.strategy.NodeState;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** What the archive tells a proposer about a parent: the parent, its parent, its other children and the best nodes. */
public record ProposalContext(
        NodeInfo parent,
        Optional<NodeSummary> grandparent,
        List<NodeSummary> siblings,
        List<NodeSummary> inspirations) {

    /** How many of the best nodes a proposer is shown. */
    static final int INSPIRATIONS = 5;

    public ProposalContext {
        siblings = List.copyOf(siblings);
        inspirations = List.copyOf(inspirations);
    }

    /** The context of a new child of {@code parentNumber} among {@code all} the campaign's nodes. */
    static ProposalContext of(List<NodeInfo> all, long parentNumber, long childNumber, Direction direction) {
        NodeInfo parent =
                all.stream().filter(n -> n.number() == parentNumber).findFirst().orElseThrow();
        Optional<NodeSummary> grandparent = parent.parent()
                .flatMap(g -> all.stream().filter(n -> n.number() == g).findFirst())
                .map(NodeInfo::summary);
        List<NodeSummary> siblings = all.stream()
                .filter(n -> n.parent().orElse(-1L) == parentNumber
                        && n.number() != childNumber
                        && n.state().finished())
                .map(NodeInfo::summary)
                .toList();
        Comparator<NodeInfo> best = Comparator.comparingDouble(n -> n.score().getAsDouble());
        List<NodeSummary> inspirations = all.stream()
                .filter(n -> n.state() == NodeState.SCORED && n.score().isPresent())
                .sorted(direction == Direction.MAXIMIZE ? best.reversed() : best)
                .limit(INSPIRATIONS)
                .map(NodeInfo::summary)
                .toList();
        return new ProposalContext(parent, grandparent, siblings, inspirations);
    }
}
