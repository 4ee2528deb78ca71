package dev.clade.orchestrator.bench;

import dev.clade.orchestrator.strategy.SearchStrategy;
import dev.clade.orchestrator.strategy.StrategyCatalog;
import dev.clade.orchestrator.strategy.StrategySpec;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * {@code clade bench strategies}: every strategy of the {@link StrategyCatalog}, with its default parameters, runs on
 * each landscape for seeds 1 to N under the same budget of task evaluations. A seed fixes the tree of possible
 * programs and the task outcomes (see {@link SimulatedCampaign}), so for a given seed every strategy searches the same
 * landscape draw and differs only in where it looks.
 */
public final class StrategyBench {

    private StrategyBench() {}

    /** One table per landscape of {@link Landscape#standard()}, rows in the catalog's order of strategies. */
    public static List<LandscapeTable> run(BenchSettings settings) {
        return run(settings, Landscape.standard(), StrategyCatalog.kinds());
    }

    public static List<LandscapeTable> run(BenchSettings settings, List<Landscape> landscapes, List<String> kinds) {
        return landscapes.stream()
                .map(landscape -> new LandscapeTable(
                        landscape,
                        settings,
                        kinds.stream()
                                .map(kind -> summarise(settings, landscape, kind))
                                .toList()))
                .toList();
    }

    private static StrategySummary summarise(BenchSettings settings, Landscape landscape, String kind) {
        SearchStrategy strategy = StrategyCatalog.create(StrategySpec.of(kind, Map.of()));
        List<RunResult> runs = LongStream.rangeClosed(1, settings.seeds())
                .mapToObj(seed ->
                        new SimulatedCampaign(landscape, strategy, settings.tasks(), settings.budget(), seed).run())
                .toList();
        return StrategySummary.of(kind, runs);
    }
}
