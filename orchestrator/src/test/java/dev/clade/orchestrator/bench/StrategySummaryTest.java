package dev.clade.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.clade.orchestrator.bench.StrategySummary.Quartiles;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StrategySummaryTest {

    @Test
    void should_summarise_utilities_by_mean_and_sample_standard_deviation() {
        StrategySummary summary = StrategySummary.of(
                "hgm", List.of(run(0.4, 0.3, OptionalLong.empty()), run(0.6, 0.5, OptionalLong.empty())));

        assertThat(summary.best().mean()).isCloseTo(0.5, within(1e-12));
        assertThat(summary.best().sd()).isCloseTo(Math.sqrt(0.02), within(1e-12));
        assertThat(summary.finalAnswer().mean()).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void should_take_quartiles_of_the_evaluations_to_the_level_over_the_runs_that_reached_it() {
        StrategySummary summary = StrategySummary.of(
                "greedy",
                List.of(
                        run(0.5, 0.5, OptionalLong.of(10)),
                        run(0.5, 0.5, OptionalLong.of(20)),
                        run(0.5, 0.5, OptionalLong.of(30)),
                        run(0.5, 0.5, OptionalLong.of(40)),
                        run(0.5, 0.5, OptionalLong.of(50)),
                        run(0.5, 0.5, OptionalLong.empty())));

        assertThat(summary.reached()).isEqualTo(5);
        assertThat(summary.runs()).isEqualTo(6);
        assertThat(summary.evaluationsToLevel()).hasValue(new Quartiles(20, 30, 40));
    }

    @Test
    void should_have_no_quartiles_and_no_spread_when_nothing_varies_or_nothing_reached() {
        StrategySummary summary = StrategySummary.of("dgm", List.of(run(0.3, 0.3, OptionalLong.empty())));

        assertThat(summary.evaluationsToLevel()).isEmpty();
        assertThat(summary.reached()).isZero();
        assertThat(summary.best().sd()).isZero();
    }

    private static RunResult run(double best, double answer, OptionalLong toLevel) {
        return new RunResult(best, answer, toLevel, 20, 400, "experiment budget spent");
    }
}
