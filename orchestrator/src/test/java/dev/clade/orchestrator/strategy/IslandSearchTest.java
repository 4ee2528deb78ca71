package dev.clade.orchestrator.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.clade.agents.proposer.Operator;
import dev.clade.orchestrator.strategy.ArchiveView.Node;
import dev.clade.orchestrator.strategy.StrategySpec.Feature;
import dev.clade.orchestrator.strategy.StrategySpec.Islands;
import dev.clade.orchestrator.strategy.StrategySpec.Selection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Islands on hand-built archives: which node holds each MAP-Elites cell, how often each parent is drawn under the
 * ratios, which elites migrate when, and ShinkaEvolve's weights. The expected numbers were worked out by hand from the
 * rules in {@link IslandSearch} and {@link IslandMap}, so changing a rule fails these tests.
 */
class IslandSearchTest {

    private static final Feature X = new Feature("x", OptionalDouble.of(0), OptionalDouble.of(1));

    private final List<Node> nodes = new ArrayList<>();

    @Test
    void should_give_a_cell_to_the_first_node_and_then_only_to_a_strictly_better_one() {
        root(0.1);
        scored(1, 0, 0, 0.5, 0.10); // cell 0
        scored(2, 1, 0, 0.4, 0.15); // cell 0, worse: 1 keeps it
        scored(3, 1, 0, 0.6, 0.20); // cell 0, better: takes it
        scored(4, 3, 0, 0.3, 0.90); // cell 3
        scored(5, 0, 1, 0.9, 0.10); // island 1, cell 0
        scored(6, 3, 0, 0.6, 0.12); // cell 0, a tie: the older 3 keeps it
        failed(7, 4, 0, 0.6); // failed nodes hold no cell
        scored(8, 4, 0, 0.2, 1.00); // the upper bound belongs to the last cell

        IslandMap map = IslandMap.of(archive(Direction.MAXIMIZE), islands(2, 4, 0, 0.1, Selection.RATIOS));

        assertThat(numbers(map.elites(0))).isEqualTo(Map.of(List.of(0), 3L, List.of(3), 4L));
        assertThat(numbers(map.elites(1))).isEqualTo(Map.of(List.of(0), 5L));
        assertThat(map.members(0)).extracting(Node::number).containsExactly(1L, 2L, 3L, 4L, 6L, 7L, 8L);
        assertThat(map.best(0)).map(Node::number).contains(3L);
    }

    @Test
    void should_keep_the_lower_score_when_minimising() {
        root(5);
        scored(1, 0, 0, 0.5, 0.1);
        scored(2, 1, 0, 0.4, 0.1);
        scored(3, 1, 0, 0.6, 0.1);

        IslandMap map = IslandMap.of(archive(Direction.MINIMIZE), islands(1, 4, 0, 0.1, Selection.RATIOS));

        assertThat(numbers(map.elites(0))).isEqualTo(Map.of(List.of(0), 2L));
    }

    @Test
    void should_span_the_values_seen_when_a_feature_has_no_bounds() {
        root(0.1);
        scoredWith(1, 0, 0, 0.5, Map.of("lines", 10.0));
        scoredWith(2, 1, 0, 0.4, Map.of("lines", 30.0)); // (30 - 10) / (50 - 10) * 10 = 5
        scoredWith(3, 1, 0, 0.6, Map.of("lines", 50.0)); // the largest value: the last cell
        scoredWith(4, 1, 0, 0.7, Map.of()); // no value: cell 0
        Islands settings =
                new Islands(1, 10, 0.7, 0.2, 0.1, 10, 0, 0.1, List.of(Feature.of("lines")), Selection.RATIOS);

        IslandMap map = IslandMap.of(archive(Direction.MAXIMIZE), settings);

        assertThat(numbers(map.elites(0))).isEqualTo(Map.of(List.of(0), 4L, List.of(5), 2L, List.of(9), 3L));
        assertThat(map.bounds().get("lines")).containsExactly(10, 50);
    }

    @Test
    void should_draw_the_best_the_elites_and_any_scored_node_by_the_ratios() {
        root(0.1);
        scored(1, 0, 0, 0.5, 0.10);
        scored(2, 1, 0, 0.4, 0.15);
        scored(3, 1, 0, 0.6, 0.20);
        scored(4, 3, 0, 0.3, 0.90);
        scored(5, 0, 1, 0.9, 0.10);
        scored(6, 3, 0, 0.6, 0.12);
        failed(7, 5, 1, 0.5); // next node is 8: island 0's turn
        IslandSearch search = new IslandSearch(islands(2, 4, 0, 0.1, Selection.RATIOS));
        Random random = new Random(11);
        Map<Long, Integer> counts = new HashMap<>();
        int draws = 40_000;

        for (int i = 0; i < draws; i++) {
            Decision.Expand d = (Decision.Expand) search.next(archive(Direction.MAXIMIZE), random);
            assertThat(d.island()).isZero();
            assertThat(d.operator()).isEqualTo(Operator.IMPROVE);
            counts.merge(d.parent(), 1, Integer::sum);
        }

        // elites 3 and 4; scored members 1, 2, 3, 4, 6: P(3) = 0.7 + 0.2 / 2 + 0.1 / 5, P(4) = 0.2 / 2 + 0.1 / 5
        assertThat(counts.keySet()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 6L);
        assertThat(counts.get(3L) / (double) draws).isCloseTo(0.82, offset(0.008));
        assertThat(counts.get(4L) / (double) draws).isCloseTo(0.12, offset(0.006));
        assertThat(counts.get(1L) / (double) draws).isCloseTo(0.02, offset(0.003));
        assertThat(counts.get(6L) / (double) draws).isCloseTo(0.02, offset(0.003));
    }

    @Test
    void should_seed_every_island_with_the_scored_root_as_an_elite_of_each_grid() {
        root(0.1);
        IslandSearch search = new IslandSearch(islands(3, 4, 0, 0.1, Selection.RATIOS));
        Random random = new Random(1);

        for (int island : new int[] {1, 2, 0}) {
            assertThat(search.next(archive(Direction.MAXIMIZE), random))
                    .isEqualTo(new Decision.Expand(0, Operator.IMPROVE, island));
            inFlight(nodes.size(), 0, island);
        }
        IslandMap map = IslandMap.of(archive(Direction.MAXIMIZE), islands(3, 4, 0, 0.1, Selection.RATIOS));
        assertThat(numbers(map.elites(2))).isEqualTo(Map.of(List.of(0), 0L));
        assertThat(map.members(2)).extracting(Node::number).containsExactly(2L);
        // the root is no migrant: it is on every island already
        scored(4, 0, 0, 0.05, 0.9);
        IslandMap migrated = IslandMap.of(archive(Direction.MAXIMIZE), islands(3, 4, 2, 1, Selection.RATIOS));
        assertThat(migrated.migrations()).allSatisfy(m -> assertThat(m.nodes()).doesNotContain(0L));
        assertThat(migrated.migrants(1)).extracting(Node::number).containsExactly(4L);
    }

    @Test
    void should_draft_from_a_failed_root_for_every_island_and_wait_only_when_all_are_busy() {
        nodes.add(new Node(0, -1, Operator.ROOT, NodeState.FAILED, OptionalDouble.empty(), 1, 0, Set.of("*")));
        IslandSearch search = new IslandSearch(islands(3, 4, 0, 0.1, Selection.RATIOS));
        Random random = new Random(1);

        Decision first = search.next(archive(Direction.MAXIMIZE), random);
        assertThat(first).isEqualTo(new Decision.Expand(0, Operator.DRAFT, 1));
        inFlight(1, 0, 1);
        assertThat(search.next(archive(Direction.MAXIMIZE), random))
                .isEqualTo(new Decision.Expand(0, Operator.DRAFT, 2));
        inFlight(2, 0, 2);
        assertThat(search.next(archive(Direction.MAXIMIZE), random))
                .isEqualTo(new Decision.Expand(0, Operator.DRAFT, 0));
        inFlight(3, 0, 0);
        assertThat(search.next(archive(Direction.MAXIMIZE), random)).isEqualTo(new Decision.Wait());

        nodes.set(
                3,
                new Node(
                        3,
                        0,
                        Operator.DRAFT,
                        NodeState.FAILED,
                        OptionalDouble.empty(),
                        1,
                        0,
                        Set.of("*"),
                        0,
                        Map.of()));
        // island 1's turn (next node 4) but it is busy; island 2 too; island 0's only node failed: drafted again
        assertThat(search.next(archive(Direction.MAXIMIZE), random))
                .isEqualTo(new Decision.Expand(0, Operator.DRAFT, 0));

        ArchiveView spent =
                new ArchiveView(nodes, Direction.MAXIMIZE, List.of("*"), new ArchiveView.Budget(false, false, 4, -1));
        assertThat(search.next(spent, random)).isInstanceOf(Decision.Stop.class);
    }

    @Test
    void should_send_the_best_elites_to_the_next_island_in_the_ring_every_interval() {
        root(0.1);
        scored(1, 0, 0, 0.50, 0.1); // island 0, cell 0
        scored(2, 0, 1, 0.30, 0.1); // island 1, cell 0
        scored(3, 1, 0, 0.70, 0.9); // island 0, cell 3
        scored(4, 2, 1, 0.20, 0.9); // island 1, cell 3; migration 1 after 4 experiments
        scored(5, 3, 0, 0.90, 0.4); // island 0, cell 1: counts only from migration 2 on
        scored(6, 4, 1, 0.10, 0.4);
        failed(7, 5, 0, 0.5);
        scored(8, 6, 1, 0.40, 0.6); // migration 2 after 8 experiments
        scored(9, 8, 1, 0.95, 0.6); // after the last migration: no effect on it
        // rate 0.5: ceil(0.5 * 2) = 1 elite of each island's 2 at migration 1; at migration 2, ceil(0.5 * 3) = 2 of
        // island 0's 3 and ceil(0.5 * 4) = 2 of island 1's 4
        IslandMap map = IslandMap.of(archive(Direction.MAXIMIZE), islands(2, 4, 4, 0.5, Selection.RATIOS));

        assertThat(map.migrations())
                .containsExactly(
                        new IslandMap.Migration(4, 0, 1, List.of(3L)),
                        new IslandMap.Migration(4, 1, 0, List.of(2L)),
                        new IslandMap.Migration(8, 0, 1, List.of(5L, 3L)),
                        new IslandMap.Migration(8, 1, 0, List.of(8L, 2L)));
        assertThat(map.migrants(1)).extracting(Node::number).containsExactly(3L, 5L);
        assertThat(map.migrants(0)).extracting(Node::number).containsExactly(2L, 8L);
        // a migrant is a reference: eligible on island 1, placed in island 0's grid only
        assertThat(map.candidates(1)).extracting(Node::number).containsExactly(2L, 3L, 4L, 5L, 6L, 9L);
        assertThat(map.best(1)).map(Node::number).contains(9L);
        assertThat(numbers(map.elites(0))).isEqualTo(Map.of(List.of(0), 1L, List.of(3), 3L, List.of(1), 5L));

        IslandMap never = IslandMap.of(archive(Direction.MAXIMIZE), islands(2, 4, 0, 0.5, Selection.RATIOS));
        assertThat(never.migrations()).isEmpty();
        assertThat(never.migrants(1)).isEmpty();
    }

    @Test
    void should_let_a_migrants_child_join_the_island_that_chose_it() {
        root(0.1);
        scored(1, 0, 0, 0.9, 0.1);
        failed(2, 0, 1, 0.1); // island 1 has nothing scored but island 0's migrant
        // next node 3: island 1's turn; exploitation always (ratios 1, 0, 0)
        Islands settings = new Islands(2, 4, 1, 0, 0, 10, 2, 1, List.of(X), Selection.RATIOS);

        Decision d = new IslandSearch(settings).next(archive(Direction.MAXIMIZE), new Random(5));

        assertThat(d).isEqualTo(new Decision.Expand(1, Operator.IMPROVE, 1));
    }

    @Test
    void should_weigh_candidates_by_sigmoid_of_their_scaled_distance_to_the_median_over_one_plus_children() {
        root(0.2);
        scored(1, 0, 0, 0.5, 0.5);
        scored(2, 0, 0, 0.9, 0.9);
        List<Node> candidates = List.of(nodes.get(0), nodes.get(1), nodes.get(2));
        IslandSearch search = new IslandSearch(islands(1, 4, 0, 0.1, Selection.WEIGHTED));
        Map<Long, Integer> children = Map.of(0L, 2, 1L, 1);

        // median 0.5, MAD 0.3: x = 10 (s - 0.5) / 0.3 = -10, 0, 13.33; node 0's two children do not matter at -10
        double[] w = search.weights(candidates, Map.of(1L, 1), Direction.MAXIMIZE);
        assertThat(w[0]).isCloseTo(0.0000453979, offset(1e-10));
        assertThat(w[1]).isCloseTo(0.25, offset(1e-12));
        assertThat(w[2]).isCloseTo(0.9999983804, offset(1e-10));
        double[] min = search.weights(candidates, Map.of(1L, 1), Direction.MINIMIZE);
        assertThat(min[0]).isCloseTo(0.9999546021, offset(1e-10));
        assertThat(min[2]).isCloseTo(0.0000016196, offset(1e-10));
        double[] flat = search.weights(List.of(nodes.get(1), nodes.get(1)), children, Direction.MAXIMIZE);
        assertThat(flat).containsExactly(0.25, 0.25); // MAD 0: sigmoid 1/2, over 1 + 1 child

        Random random = new Random(2);
        int[] counts = new int[3];
        for (int i = 0; i < 20_000; i++) {
            counts[
                    (int) search.byWeight(candidates, Map.of(1L, 1), Direction.MAXIMIZE, random)
                            .number()]++;
        }
        assertThat(counts[1] / 20_000.0).isCloseTo(0.19999, offset(0.01));
        assertThat(counts[2] / 20_000.0).isCloseTo(0.79997, offset(0.01));
    }

    private static Islands islands(int k, int bins, int interval, double rate, Selection selection) {
        return new Islands(k, bins, 0.7, 0.2, 0.1, 10, interval, rate, List.of(X), selection);
    }

    private static Map<List<Integer>, Long> numbers(Map<List<Integer>, Node> elites) {
        Map<List<Integer>, Long> out = new HashMap<>();
        elites.forEach((cell, n) -> out.put(cell, n.number()));
        return out;
    }

    private ArchiveView archive(Direction direction) {
        return new ArchiveView(nodes, direction);
    }

    private void root(double score) {
        nodes.add(new Node(
                0, -1, Operator.ROOT, NodeState.SCORED, OptionalDouble.of(score), 1, Math.min(1, score), Set.of("*")));
    }

    private void scored(long number, long parent, int island, double score, double x) {
        scoredWith(number, parent, island, score, Map.of("x", x));
    }

    private void scoredWith(long number, long parent, int island, double score, Map<String, Double> traits) {
        nodes.add(new Node(
                number,
                parent,
                Operator.IMPROVE,
                NodeState.SCORED,
                OptionalDouble.of(score),
                1,
                Math.min(1, score),
                Set.of("*"),
                island,
                traits));
    }

    private void failed(long number, long parent, int island, double x) {
        nodes.add(new Node(
                number,
                parent,
                Operator.IMPROVE,
                NodeState.FAILED,
                OptionalDouble.empty(),
                1,
                0,
                Set.of("*"),
                island,
                Map.of("x", x)));
    }

    private void inFlight(long number, long parent, int island) {
        nodes.add(new Node(
                number,
                parent,
                Operator.DRAFT,
                NodeState.EVALUATING,
                OptionalDouble.empty(),
                0,
                0,
                Set.of(),
                island,
                Map.of()));
    }
}
