package dev.clade.orchestrator.cli;

import dev.clade.orchestrator.strategy.ArchiveView;
import dev.clade.orchestrator.strategy.ArchiveView.Node;
import dev.clade.orchestrator.strategy.IslandMap;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The archive as a tree, one node a line: its score, task evaluations, mean utility and the clade-metaproductivity
 * estimate HGM steers by, the posterior mean (1 + Σu) / (2 + n) of the utilities pooled over the node's clade.
 */
final class ArchiveTable {

    private final PrintStream out;

    ArchiveTable(PrintStream out) {
        this.out = out;
    }

    void print(ArchiveView archive, Optional<IslandMap> islands) {
        Map<Long, double[]> clades = archive.cladeUtilities();
        Map<Long, List<Node>> children =
                archive.nodes().stream().collect(Collectors.groupingBy(Node::parent, Collectors.toList()));
        out.printf(
                "%-16s %-8s %-9s %-12s %5s %8s %8s %11s%s%n",
                "NODE",
                "OPERATOR",
                "STATE",
                "SCORE",
                "EVALS",
                "UTILITY",
                "CMP",
                "CLADE EVALS",
                islands.isPresent() ? String.format("  %-6s %s", "ISLAND", "CELL") : "");
        List<Object[]> stack = new ArrayList<>();
        stack.add(new Object[] {archive.root(), 0});
        while (!stack.isEmpty()) {
            Object[] top = stack.removeLast();
            Node node = (Node) top[0];
            int depth = (int) top[1];
            double[] clade = clades.getOrDefault(node.number(), new double[2]);
            out.printf(
                    "%-16s %-8s %-9s %-12s %5d %8s %8s %11d%s%n",
                    "  ".repeat(depth) + node.number(),
                    node.operator().label(),
                    node.state().name().toLowerCase(),
                    node.score().isPresent() ? Numbers.format(node.score().getAsDouble()) : "-",
                    node.evaluations(),
                    node.evaluations() > 0 ? String.format("%.3f", node.utilitySum() / node.evaluations()) : "-",
                    String.format("%.3f", (1 + clade[0]) / (2 + clade[1])),
                    (long) clade[1],
                    islands.map(map -> place(map, node)).orElse(""));
            children.getOrDefault(node.number(), List.of()).stream()
                    .sorted(Comparator.comparingLong(Node::number).reversed())
                    .forEach(c -> stack.add(new Object[] {c, depth + 1}));
        }
    }

    /** A node's island and, when it holds a cell, the cell ("-" for none, "(2, 5) elite" for the cell's elite). */
    private static String place(IslandMap map, Node node) {
        if (node.island() < 0) {
            return String.format("  %-6s %s", "-", "-");
        }
        String cell = map.placeOf(node)
                .map(at -> {
                    Node elite = map.elites(node.island()).get(at);
                    return at.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"))
                            + (elite != null && elite.number() == node.number() ? " elite" : "");
                })
                .orElse("-");
        return String.format("  %-6s %s", node.island(), cell);
    }
}
