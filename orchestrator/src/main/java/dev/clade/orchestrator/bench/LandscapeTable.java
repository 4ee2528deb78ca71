package dev.clade.orchestrator.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The strategies' summaries on one landscape, and their rendering as a table with aligned columns. */
public record LandscapeTable(Landscape landscape, BenchSettings settings, List<StrategySummary> rows) {

    public LandscapeTable {
        rows = List.copyOf(rows);
    }

    /** The title line, a header and one line per strategy, each ending with a newline. */
    public String render() {
        List<List<String>> cells = new ArrayList<>();
        cells.add(List.of(
                "strategy",
                "best true utility (mean ± sd)",
                "final answer (mean ± sd)",
                "evals to reach " + fixed(landscape.level()) + " (median [IQR])",
                "reached",
                "nodes",
                "evals used"));
        for (StrategySummary row : rows) {
            cells.add(List.of(
                    row.strategy(),
                    fixed(row.best().mean()) + " ± " + fixed(row.best().sd()),
                    fixed(row.finalAnswer().mean()) + " ± "
                            + fixed(row.finalAnswer().sd()),
                    row.evaluationsToLevel()
                            .map(q -> whole(q.median()) + " [" + whole(q.q1()) + ", " + whole(q.q3()) + "]")
                            .orElse("-"),
                    row.reached() + "/" + row.runs(),
                    String.format(Locale.ROOT, "%.1f", row.nodes()),
                    String.format(Locale.ROOT, "%.1f", row.evaluations())));
        }
        StringBuilder out = new StringBuilder(title()).append('\n');
        int[] widths = widths(cells);
        for (List<String> line : cells) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                text.append(i + 1 < line.size() ? pad(line.get(i), widths[i] + 2) : line.get(i));
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private String title() {
        return String.format(
                Locale.ROOT,
                "Landscape: %s (%s)   root utility %s, budget %d evaluations, %d tasks, %d seeds",
                landscape.name(),
                landscape.description(),
                fixed(landscape.root().utility()),
                settings.budget(),
                settings.tasks(),
                settings.seeds());
    }

    private static int[] widths(List<List<String>> cells) {
        int[] widths = new int[cells.getFirst().size()];
        for (List<String> line : cells) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        return widths;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String whole(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }
}
