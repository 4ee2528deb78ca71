package dev.clade.orchestrator.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One strategy's runs on one landscape, summarised over the seeds.
 *
 * @param best the best true utility found per run
 * @param finalAnswer the true utility of the final answer per run
 * @param reached runs that created a node at or above the landscape's level
 * @param evaluationsToLevel evaluations spent before that node, over the runs that reached it; empty when none did
 * @param nodes mean nodes created beyond the root
 * @param evaluations mean task evaluations spent
 */
public record StrategySummary(
        String strategy,
        int runs,
        Spread best,
        Spread finalAnswer,
        int reached,
        Optional<Quartiles> evaluationsToLevel,
        double nodes,
        double evaluations) {

    /** Mean and sample standard deviation (0 for a single run). */
    public record Spread(double mean, double sd) {
        static Spread of(double[] values) {
            double mean = Arrays.stream(values).average().orElse(Double.NaN);
            if (values.length < 2) {
                return new Spread(mean, 0);
            }
            double squares =
                    Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
            return new Spread(mean, Math.sqrt(squares / (values.length - 1)));
        }
    }

    /** Lower quartile, median and upper quartile, interpolated linearly between order statistics. */
    public record Quartiles(double q1, double median, double q3) {
        static Optional<Quartiles> of(double[] values) {
            if (values.length == 0) {
                return Optional.empty();
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return Optional.of(new Quartiles(quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75)));
        }

        private static double quantile(double[] sorted, double q) {
            double position = q * (sorted.length - 1);
            int below = (int) Math.floor(position);
            int above = Math.min(below + 1, sorted.length - 1);
            return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
        }
    }

    public StrategySummary {
        if (runs < 1 || reached < 0 || reached > runs) {
            throw new IllegalArgumentException("need runs >= 1 and reached in [0, runs]");
        }
    }

    public static StrategySummary of(String strategy, List<RunResult> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to summarise for " + strategy);
        }
        double[] toLevel = runs.stream()
                .map(RunResult::evaluationsToLevel)
                .filter(OptionalLong::isPresent)
                .mapToDouble(OptionalLong::getAsLong)
                .toArray();
        return new StrategySummary(
                strategy,
                runs.size(),
                Spread.of(runs.stream().mapToDouble(RunResult::bestUtility).toArray()),
                Spread.of(runs.stream().mapToDouble(RunResult::finalUtility).toArray()),
                toLevel.length,
                Quartiles.of(toLevel),
                runs.stream().mapToInt(RunResult::nodes).average().orElseThrow(),
                runs.stream().mapToLong(RunResult::evaluationsUsed).average().orElseThrow());
    }
}
