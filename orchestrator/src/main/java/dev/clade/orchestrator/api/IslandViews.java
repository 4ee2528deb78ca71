package dev.clade.orchestrator.api;

import dev.clade.orchestrator.strategy.ArchiveView;
import dev.clade.orchestrator.strategy.IslandMap;
import dev.clade.orchestrator.strategy.StrategySpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The islands of a campaign as the API answers them: the features' bounds, each island's grid, the migrations. */
final class IslandViews {

    /** Cells in row-major order of their indexes. */
    private static final Comparator<Views.CellView> BY_CELL = (a, b) -> {
        for (int d = 0; d < Math.min(a.cell().size(), b.cell().size()); d++) {
            int c = Integer.compare(a.cell().get(d), b.cell().get(d));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.cell().size(), b.cell().size());
    };

    private IslandViews() {}

    static Views.IslandsView of(IslandMap map, StrategySpec.Islands settings) {
        List<Views.FeatureView> features = map.bounds().entrySet().stream()
                .map(e -> new Views.FeatureView(
                        e.getKey(),
                        Double.isFinite(e.getValue()[0]) ? e.getValue()[0] : null,
                        Double.isFinite(e.getValue()[1]) ? e.getValue()[1] : null))
                .toList();
        List<Views.IslandView> islands = new ArrayList<>();
        for (int i = 0; i < map.islands(); i++) {
            List<Views.CellView> cells = map.elites(i).entrySet().stream()
                    .map(e -> new Views.CellView(
                            e.getKey(),
                            e.getValue().number(),
                            e.getValue().score().getAsDouble()))
                    .sorted(BY_CELL)
                    .toList();
            islands.add(new Views.IslandView(
                    i,
                    map.members(i).size(),
                    cells,
                    map.migrants(i).stream().map(ArchiveView.Node::number).toList(),
                    map.best(i).map(ArchiveView.Node::number).orElse(null)));
        }
        List<Views.MigrationView> migrations = map.migrations().stream()
                .map(m -> new Views.MigrationView(m.experiments(), m.from(), m.to(), m.nodes()))
                .toList();
        return new Views.IslandsView(features, settings.bins(), islands, migrations);
    }
}
