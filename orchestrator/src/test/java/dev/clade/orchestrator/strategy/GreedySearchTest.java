package dev.clade.orchestrator.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.agents.proposer.Operator;
import dev.clade.orchestrator.strategy.ArchiveView.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Greedy decisions on hand-built archives. */
class GreedySearchTest {

    private final List<Node> nodes = new ArrayList<>();

    @Test
    void should_draft_from_the_root_until_the_drafts_are_made() {
        scored(0, -1, Operator.ROOT, 5);
        scored(1, 0, Operator.DRAFT, 7);

        Decision d = new GreedySearch(2, 0, 2).next(archive(Direction.MAXIMIZE), new Random(1));

        assertThat(d).isEqualTo(new Decision.Expand(0, Operator.DRAFT));
    }

    @Test
    void should_improve_the_best_node_in_the_campaign_direction() {
        scored(0, -1, Operator.ROOT, 5);
        scored(1, 0, Operator.DRAFT, 7);
        scored(2, 0, Operator.DRAFT, 3);

        GreedySearch greedy = new GreedySearch(2, 0, 2);

        assertThat(greedy.next(archive(Direction.MAXIMIZE), new Random(1)))
                .isEqualTo(new Decision.Expand(1, Operator.IMPROVE));
        assertThat(greedy.next(archive(Direction.MINIMIZE), new Random(1)))
                .isEqualTo(new Decision.Expand(2, Operator.IMPROVE));
    }

    @Test
    void should_repair_a_failed_leaf_when_the_dice_say_so() {
        scored(0, -1, Operator.ROOT, 5);
        node(1, 0, Operator.DRAFT, NodeState.FAILED);

        Decision d = new GreedySearch(1, 1.0, 2).next(archive(Direction.MAXIMIZE), new Random(1));

        assertThat(d).isEqualTo(new Decision.Expand(1, Operator.DEBUG));
    }

    @Test
    void should_not_repair_beyond_the_depth_limit() {
        scored(0, -1, Operator.ROOT, 5);
        node(1, 0, Operator.DRAFT, NodeState.FAILED);
        node(2, 1, Operator.DEBUG, NodeState.FAILED);
        node(3, 2, Operator.DEBUG, NodeState.GATED);

        Decision d = new GreedySearch(1, 1.0, 2).next(archive(Direction.MAXIMIZE), new Random(1));

        assertThat(d).isEqualTo(new Decision.Expand(0, Operator.IMPROVE));
    }

    @Test
    void should_wait_while_nothing_is_scored_and_work_is_in_flight() {
        node(0, -1, Operator.ROOT, NodeState.EVALUATING);
        node(1, 0, Operator.DRAFT, NodeState.PROPOSING);

        assertThat(new GreedySearch(1, 0, 2).next(archive(Direction.MAXIMIZE), new Random(1)))
                .isInstanceOf(Decision.Wait.class);
    }

    @Test
    void should_draft_again_when_everything_failed() {
        node(0, -1, Operator.ROOT, NodeState.FAILED);
        node(1, 0, Operator.DRAFT, NodeState.FAILED);

        assertThat(new GreedySearch(1, 0, 2).next(archive(Direction.MAXIMIZE), new Random(1)))
                .isEqualTo(new Decision.Expand(0, Operator.DRAFT));
    }

    @Test
    void should_debug_with_about_the_configured_probability() {
        scored(0, -1, Operator.ROOT, 5);
        node(1, 0, Operator.DRAFT, NodeState.FAILED);
        GreedySearch greedy = new GreedySearch(1, 0.3, 2);
        Random random = new Random(7);

        long debugs = java.util.stream.IntStream.range(0, 10_000)
                .mapToObj(i -> greedy.next(archive(Direction.MAXIMIZE), random))
                .filter(d -> d.equals(new Decision.Expand(1, Operator.DEBUG)))
                .count();

        assertThat(debugs).isBetween(2_800L, 3_200L);
    }

    private ArchiveView archive(Direction direction) {
        return new ArchiveView(nodes, direction);
    }

    private void scored(long number, long parent, Operator op, double score) {
        nodes.add(new Node(number, parent, op, NodeState.SCORED, OptionalDouble.of(score)));
    }

    private void node(long number, long parent, Operator op, NodeState state) {
        nodes.add(new Node(number, parent, op, state, OptionalDouble.empty()));
    }
}
