package dev.clade.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.orchestrator.strategy.SearchStrategy;
import dev.clade.orchestrator.strategy.StrategyCatalog;
import dev.clade.orchestrator.strategy.StrategySpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whole simulated campaigns of the catalog's strategies. */
class SimulatedCampaignTest {

    @Test
    void should_give_the_same_result_for_the_same_seed() {
        for (String kind : StrategyCatalog.kinds()) {
            RunResult first = run(MismatchLandscape.standard(), kind, 10, 200, 7);
            RunResult again = run(MismatchLandscape.standard(), kind, 10, 200, 7);

            assertThat(again).as(kind).isEqualTo(first);
        }
    }

    @Test
    void should_draw_a_different_landscape_for_another_seed() {
        assertThat(run(AlignedLandscape.standard(), "hgm", 10, 200, 1))
                .isNotEqualTo(run(AlignedLandscape.standard(), "hgm", 10, 200, 2));
    }

    @Test
    void should_never_spend_more_than_the_budget() {
        long budget = 57;
        int tasks = 10;
        for (Landscape landscape : Landscape.standard()) {
            for (String kind : StrategyCatalog.kinds()) {
                for (long seed = 1; seed <= 20; seed++) {
                    RunResult result = run(landscape, kind, tasks, budget, seed);

                    assertThat(result.evaluationsUsed()).as(kind).isLessThanOrEqualTo(budget);
                    assertThat(result.evaluationsUsed()).as(kind).isGreaterThan(budget - tasks);
                }
            }
        }
    }

    @Test
    void should_spend_a_whole_evaluation_per_task_on_each_new_node_when_the_strategy_evaluates_on_expand() {
        RunResult greedy = run(AlignedLandscape.standard(), "greedy", 10, 57, 3);

        assertThat(greedy.nodes()).isEqualTo(5);
        assertThat(greedy.evaluationsUsed()).isEqualTo(50);
        assertThat(greedy.endReason()).isEqualTo("experiment budget spent");
    }

    @Test
    void should_count_a_root_at_the_level_as_reached_before_any_evaluation() {
        Landscape easy = new AlignedLandscape(0.3, 0, 0.08, 0.2);

        RunResult result = run(easy, "dgm", 10, 100, 1);

        assertThat(result.evaluationsToLevel()).hasValue(0);
    }

    @Test
    void should_report_the_root_when_no_change_can_improve_it() {
        Landscape flat = new AlignedLandscape(0.3, 0, 0, 0.9);

        for (String kind : StrategyCatalog.kinds()) {
            RunResult result = run(flat, kind, 10, 100, 1);

            assertThat(result.bestUtility()).as(kind).isEqualTo(0.3);
            assertThat(result.finalUtility()).as(kind).isEqualTo(0.3);
            assertThat(result.evaluationsToLevel()).as(kind).isEmpty();
        }
    }

    @Test
    void should_time_the_first_node_at_the_level_by_the_evaluations_spent_before_it() {
        Landscape rising = new AlignedLandscape(0.3, 0.1, 0, 0.45);

        RunResult result = run(rising, "greedy", 10, 100, 1);

        // Greedy drafts three children of the root (0.4), then improves one of them (0.5).
        assertThat(result.evaluationsToLevel()).hasValue(30);
    }

    private static RunResult run(Landscape landscape, String kind, int tasks, long budget, long seed) {
        SearchStrategy strategy = StrategyCatalog.create(StrategySpec.of(kind, Map.of()));
        return new SimulatedCampaign(landscape, strategy, tasks, budget, seed).run();
    }
}
