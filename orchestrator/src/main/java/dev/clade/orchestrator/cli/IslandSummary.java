package dev.clade.orchestrator.cli;

import dev.clade.orchestrator.strategy.ArchiveView.Node;
import dev.clade.orchestrator.strategy.IslandMap;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Per island of an islands campaign: its nodes, the cells its grid holds, its best node and what migrated to it. */
final class IslandSummary {

    private final PrintStream out;

    IslandSummary(PrintStream out) {
        this.out = out;
    }

    void print(IslandMap map) {
        out.println();
        StringBuilder bounds = new StringBuilder();
        map.bounds()
                .forEach((name, range) -> bounds.append(bounds.isEmpty() ? "" : ", ")
                        .append(name)
                        .append(
                                Double.isFinite(range[0])
                                        ? " [" + Numbers.format(range[0]) + ", " + Numbers.format(range[1]) + "]"
                                        : " (no values yet)"));
        out.printf(
                "Islands: %d, grid over %s; %d migrations%n",
                map.islands(), bounds, map.migrations().size());
        out.printf("%-7s %6s %6s %9s  %s%n", "ISLAND", "NODES", "CELLS", "MIGRANTS", "BEST");
        for (int i = 0; i < map.islands(); i++) {
            Map<List<Integer>, Node> elites = map.elites(i);
            out.printf(
                    "%-7d %6d %6d %9d  %s%n",
                    i,
                    map.members(i).size(),
                    elites.size(),
                    map.migrants(i).size(),
                    map.best(i)
                            .map(b -> Numbers.format(b.score().getAsDouble()) + " (node " + b.number() + ")")
                            .orElse("-"));
        }
    }
}
