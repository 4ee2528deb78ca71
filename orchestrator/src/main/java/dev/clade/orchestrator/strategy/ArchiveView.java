package dev.clade.orchestrator.strategy;

import dev.clade.agents.proposer.Operator;
import dev.clade.orchestrator.archive.NodeState;
import dev.clade.orchestrator.campaign.CampaignSpec.Direction;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

/** An immutable snapshot of a campaign's archive, which is all a strategy sees. */
public record ArchiveView(List<Node> nodes, Direction direction) {

    /** One node as strategies see it; {@code parent} is -1 for the root. */
    public record Node(long number, long parent, Operator operator, NodeState state, OptionalDouble score) {
        public boolean root() {
            return parent < 0;
        }
    }

    public ArchiveView {
        nodes = List.copyOf(nodes);
    }

    public Optional<Node> node(long number) {
        return nodes.stream().filter(n -> n.number() == number).findFirst();
    }

    public Node root() {
        return nodes.stream().filter(Node::root).findFirst().orElseThrow(() -> new IllegalStateException("no root"));
    }

    public List<Node> children(long number) {
        return nodes.stream().filter(n -> n.parent() == number).toList();
    }

    public long count(Operator operator) {
        return nodes.stream().filter(n -> n.operator() == operator).count();
    }

    public boolean anyInFlight() {
        return nodes.stream().anyMatch(n -> !n.state().finished());
    }

    /** The scored node with the best score; ties go to the older node. */
    public Optional<Node> best() {
        Comparator<Node> byScore = Comparator.comparingDouble(n -> n.score().getAsDouble());
        if (direction == Direction.MINIMIZE) {
            byScore = byScore.reversed();
        }
        return nodes.stream()
                .filter(n -> n.state() == NodeState.SCORED && n.score().isPresent())
                .max(byScore.thenComparing(
                        Comparator.comparingLong(Node::number).reversed()));
    }

    /** How many repairs in a row led to this node (0 when it was not made by a repair). */
    public int debugDepth(Node node) {
        Map<Long, Node> byNumber = nodes.stream().collect(Collectors.toMap(Node::number, Function.identity()));
        int depth = 0;
        Node current = node;
        while (current != null && current.operator() == Operator.DEBUG) {
            depth++;
            current = byNumber.get(current.parent());
        }
        return depth;
    }
}
