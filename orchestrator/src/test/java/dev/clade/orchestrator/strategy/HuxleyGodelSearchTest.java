package dev.clade.orchestrator.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.clade.agents.proposer.Operator;
import dev.clade.orchestrator.strategy.ArchiveView.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** HGM decisions on hand-built archives with a seeded random source. */
class HuxleyGodelSearchTest {

    private static final List<String> TASKS = List.of("t0", "t1", "t2", "t3");

    private final List<Node> nodes = new ArrayList<>();
    private final HuxleyGodelSearch hgm = new HuxleyGodelSearch(0.6, 0, 3);

    @Test
    void should_evaluate_the_root_first() {
        nodes.add(new Node(0, -1, Operator.ROOT, NodeState.COMMITTED, OptionalDouble.empty(), 0, 0, Set.of()));

        Decision d = hgm.next(archive(0, true, true), new Random(1));

        assertThat(d).isInstanceOf(Decision.Evaluate.class);
        assertThat(((Decision.Evaluate) d).node()).isZero();
        assertThat(TASKS).contains(((Decision.Evaluate) d).task());
    }

    @Test
    void should_expand_exactly_when_evaluations_to_the_alpha_reach_the_number_of_nodes() {
        node(0, -1, 2, 1, "t0", "t1");
        node(1, 0, 1, 1, "t0");
        // 3 evaluations: 3^0.6 = 1.93 < 2 nodes -> evaluate; 4^0.6 = 2.30 >= 2 -> expand.
        assertThat(hgm.next(archive(3, true, true), new Random(1))).isInstanceOf(Decision.Evaluate.class);
        assertThat(hgm.next(archive(4, true, true), new Random(1))).isInstanceOf(Decision.Expand.class);
        // With alpha 0.5: 4^0.5 = 2 >= 2 expands, 3^0.5 = 1.73 does not.
        HuxleyGodelSearch half = new HuxleyGodelSearch(0.5, 0, 3);
        assertThat(half.next(archive(4, true, true), new Random(1))).isInstanceOf(Decision.Expand.class);
        assertThat(half.next(archive(3, true, true), new Random(1))).isInstanceOf(Decision.Evaluate.class);
    }

    @Test
    void should_choose_parents_by_the_clade_not_by_their_own_score() {
        // Node 1 looks good itself (3/3) but its child failed everything; node 2 is mediocre (1/3) but its child and
        // grandchild are excellent. Pooled over clades: node 1 has 3/7, node 2 has 9/11.
        node(0, -1, 0, 0);
        node(1, 0, 3, 3, "t0", "t1", "t2");
        node(2, 0, 3, 1, "t0", "t1", "t2");
        node(3, 1, 4, 0, TASKS.toArray(String[]::new));
        node(4, 2, 4, 4, TASKS.toArray(String[]::new));
        node(5, 4, 4, 4, TASKS.toArray(String[]::new));
        Random random = new Random(11);
        int fromOne = 0;
        int fromTwo = 0;

        for (int i = 0; i < 5_000; i++) {
            long parent = hgm.chooseParent(archive(18, true, true), random).orElseThrow();
            fromOne += parent == 1 ? 1 : 0;
            fromTwo += parent == 2 ? 1 : 0;
        }

        assertThat(fromTwo).isGreaterThan(3 * fromOne);
        assertThat(archive(18, true, true).cladeUtilities().get(2L)).containsExactly(9.0, 11.0);
        assertThat(archive(18, true, true).cladeUtilities().get(1L)).containsExactly(3.0, 7.0);
    }

    @Test
    void should_evaluate_an_untried_task_of_the_chosen_node() {
        node(0, -1, 4, 4, TASKS.toArray(String[]::new));
        node(1, 0, 3, 3, "t0", "t1", "t3");

        Decision d = hgm.next(archive(7, false, true), new Random(5));

        assertThat(d).isEqualTo(new Decision.Evaluate(1, "t2"));
    }

    @Test
    void should_stop_when_neither_budget_allows_anything() {
        node(0, -1, 4, 2, TASKS.toArray(String[]::new));

        assertThat(hgm.next(archive(4, false, false), new Random(1))).isInstanceOf(Decision.Stop.class);
    }

    @Test
    void should_sharpen_posteriors_near_the_end_of_the_budget() {
        HuxleyGodelSearch cooling = new HuxleyGodelSearch(0.6, 2, 3);

        assertThat(cooling.scale(new ArchiveView.Budget(true, true, 50, 100))).isCloseTo(4.0, offset(1e-12));
        assertThat(cooling.scale(new ArchiveView.Budget(true, true, 0, 100))).isCloseTo(1.0, offset(1e-12));
        assertThat(hgm.scale(new ArchiveView.Budget(true, true, 50, 100))).isEqualTo(1.0);
    }

    @Test
    void should_answer_with_the_best_belief_among_nodes_evaluated_enough() {
        node(0, -1, 4, 1, TASKS.toArray(String[]::new)); // mean (1+1)/6 = 0.33
        node(1, 0, 2, 2, "t0", "t1"); // (1+2)/4 = 0.75 but only 2 evaluations
        node(2, 0, 4, 3, TASKS.toArray(String[]::new)); // (1+3)/6 = 0.67
        node(3, 0, 1, 1, "t0"); // (1+1)/3 = 0.67

        assertThat(hgm.finalAnswer(archive(11, false, false)).orElseThrow().number())
                .isEqualTo(2);
        assertThat(HuxleyGodelSearch.posteriorMean(nodes.get(1))).isCloseTo(0.75, offset(1e-12));
    }

    @Test
    void should_sample_beta_with_the_right_mean() {
        Random random = new Random(2);
        double sum = 0;
        for (int i = 0; i < 20_000; i++) {
            sum += BetaSampler.sample(2, 6, random);
        }
        assertThat(sum / 20_000).isCloseTo(0.25, offset(0.005));
    }

    private ArchiveView archive(long used, boolean canExpand, boolean canEvaluate) {
        return new ArchiveView(
                nodes, Direction.MAXIMIZE, TASKS, new ArchiveView.Budget(canExpand, canEvaluate, used, 100));
    }

    private void node(long number, long parent, int evaluations, double utility, String... tried) {
        nodes.add(new Node(
                number,
                parent,
                parent < 0 ? Operator.ROOT : Operator.IMPROVE,
                evaluations > 0 ? NodeState.SCORED : NodeState.COMMITTED,
                evaluations > 0 ? OptionalDouble.of(utility / evaluations) : OptionalDouble.empty(),
                evaluations,
                utility,
                Set.of(tried)));
    }
}
