package dev.clade.orchestrator.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.clade.agents.proposer.Operator;
import dev.clade.orchestrator.strategy.ArchiveView.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Exact selection probabilities of the DGM rule p ∝ sigmoid(λ(s − α0)) / (1 + children) on hand-built archives; the
 * expected numbers were computed by hand from the formula, so changing the formula fails these tests.
 */
class DarwinGodelSearchTest {

    private final List<Node> nodes = new ArrayList<>();

    @Test
    void should_weigh_parents_by_sigmoid_of_rank_over_one_plus_children() {
        scored(0, -1, 0.2);
        scored(1, 0, 0.8);
        scored(2, 0, 0.5);
        nodes.add(new Node(3, 1, Operator.IMPROVE, NodeState.FAILED, OptionalDouble.empty()));

        Map<Long, Double> p = new DarwinGodelSearch(10, 0.5, 1).probabilities(archive(Direction.MAXIMIZE), 4);

        assertThat(p).containsOnlyKeys(0L, 1L, 2L);
        assertThat(p.get(0L)).isCloseTo(0.0014917375, offset(1e-9));
        assertThat(p.get(1L)).isCloseTo(0.6641804375, offset(1e-9));
        assertThat(p.get(2L)).isCloseTo(0.3343278250, offset(1e-9));
    }

    @Test
    void should_rank_the_other_way_when_minimizing() {
        scored(0, -1, 0.2);
        scored(1, 0, 0.8);
        scored(2, 0, 0.5);

        Map<Long, Double> p = new DarwinGodelSearch(10, 0.5, 1).probabilities(archive(Direction.MINIMIZE), 3);

        assertThat(p.get(0L)).isCloseTo(0.3952068114, offset(1e-9));
        assertThat(p.get(1L)).isCloseTo(0.0079886476, offset(1e-9));
        assertThat(p.get(2L)).isCloseTo(0.5968045410, offset(1e-9));
    }

    @Test
    void should_give_tied_scores_their_mean_rank() {
        scored(0, -1, 0.5);
        scored(1, 0, 0.5);
        scored(2, 0, 0.9);

        Map<Long, Double> p = new DarwinGodelSearch(2, 0.3, 1).probabilities(archive(Direction.MAXIMIZE), 3);

        assertThat(p.get(0L)).isCloseTo(0.1102997635, offset(1e-9));
        assertThat(p.get(1L)).isCloseTo(0.3308992904, offset(1e-9));
        assertThat(p.get(2L)).isCloseTo(0.5588009462, offset(1e-9));
    }

    @Test
    void should_draw_parents_with_those_probabilities() {
        scored(0, -1, 0.2);
        scored(1, 0, 0.8);
        scored(2, 0, 0.5);
        DarwinGodelSearch dgm = new DarwinGodelSearch(10, 0.5, 1);
        Random random = new Random(3);
        int[] counts = new int[3];

        for (int i = 0; i < 20_000; i++) {
            Decision d = dgm.next(archive(Direction.MAXIMIZE), random);
            counts[(int) ((Decision.Expand) d).parent()]++;
        }

        assertThat(counts[1] / 20_000.0).isCloseTo(0.6642, offset(0.015));
        assertThat(counts[2] / 20_000.0).isCloseTo(0.3343, offset(0.015));
    }

    @Test
    void should_wait_for_the_previous_generation_and_not_select_from_the_current_one() {
        scored(0, -1, 0.2);
        scored(1, 0, 0.9);
        nodes.add(new Node(2, 0, Operator.IMPROVE, NodeState.EVALUATING, OptionalDouble.empty()));
        DarwinGodelSearch dgm = new DarwinGodelSearch(10, 0.5, 2);

        assertThat(dgm.generationStart(archive(Direction.MAXIMIZE))).isEqualTo(3);
        assertThat(dgm.next(archive(Direction.MAXIMIZE), new Random(1))).isInstanceOf(Decision.Wait.class);

        nodes.set(2, new Node(2, 0, Operator.IMPROVE, NodeState.SCORED, OptionalDouble.of(0.99)));
        nodes.add(new Node(3, 1, Operator.IMPROVE, NodeState.PROPOSING, OptionalDouble.empty()));
        // Generation 2 is nodes 3 and 4: node 3 is in flight but is part of it, so the draw goes on, from 0..2 only.
        assertThat(dgm.probabilities(archive(Direction.MAXIMIZE), dgm.generationStart(archive(Direction.MAXIMIZE))))
                .containsOnlyKeys(0L, 1L, 2L);
        assertThat(dgm.next(archive(Direction.MAXIMIZE), new Random(1))).isInstanceOf(Decision.Expand.class);
    }

    @Test
    void should_stop_when_no_experiment_is_left() {
        scored(0, -1, 0.2);
        ArchiveView spent = new ArchiveView(
                nodes, Direction.MAXIMIZE, List.of(ArchiveView.WHOLE), new ArchiveView.Budget(false, true, 1, -1));

        assertThat(new DarwinGodelSearch(10, 0.5, 1).next(spent, new Random(1))).isInstanceOf(Decision.Stop.class);
    }

    private ArchiveView archive(Direction direction) {
        return new ArchiveView(nodes, direction);
    }

    private void scored(long number, long parent, double score) {
        nodes.add(new Node(
                number,
                parent,
                parent < 0 ? Operator.ROOT : Operator.IMPROVE,
                NodeState.SCORED,
                OptionalDouble.of(score)));
    }
}
