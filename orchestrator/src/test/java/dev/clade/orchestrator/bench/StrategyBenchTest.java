package dev.clade.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.orchestrator.cli.BenchCommand;
import dev.clade.orchestrator.strategy.StrategyCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A whole small bench, through the API and through {@code clade bench strategies}. */
class StrategyBenchTest {

    private final BenchSettings small = new BenchSettings(3, 5, 60);

    @Test
    void should_make_one_table_per_landscape_with_a_row_per_strategy_and_finite_numbers() {
        List<LandscapeTable> tables = StrategyBench.run(small);

        assertThat(tables).extracting(t -> t.landscape().name()).containsExactly("aligned", "mismatch", "deceptive");
        for (LandscapeTable table : tables) {
            assertThat(table.rows())
                    .extracting(StrategySummary::strategy)
                    .containsExactlyElementsOf(StrategyCatalog.kinds());
            assertThat(table.rows()).allSatisfy(row -> {
                assertThat(row.runs()).isEqualTo(3);
                assertThat(row.best().mean()).isFinite().isBetween(0.0, 1.0);
                assertThat(row.best().sd()).isFinite();
                assertThat(row.finalAnswer().mean()).isFinite().isBetween(0.0, 1.0);
                assertThat(row.finalAnswer().mean())
                        .isLessThanOrEqualTo(row.best().mean());
                assertThat(row.evaluations()).isLessThanOrEqualTo(60);
            });
        }
    }

    @Test
    void should_render_a_titled_table_with_aligned_columns() {
        String text = StrategyBench.run(small).get(1).render();
        List<String> lines = text.lines().toList();

        assertThat(lines.getFirst())
                .startsWith("Landscape: mismatch (own performance misleads; potential is inherited)")
                .contains("budget 60 evaluations, 5 tasks, 3 seeds");
        assertThat(lines.get(1)).startsWith("strategy").contains("evals to reach 0.600");
        assertThat(lines).hasSize(2 + StrategyCatalog.kinds().size());
        int column = lines.get(1).indexOf("final answer");
        assertThat(lines.subList(2, lines.size())).allSatisfy(line -> {
            assertThat(line.charAt(column - 1)).isEqualTo(' ');
            assertThat(line.charAt(column)).isNotEqualTo(' ');
        });
    }

    @Test
    void should_print_every_table_from_the_command_line() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out));

        int exit = cli.execute("strategies", "--seeds", "2", "--budget", "40", "--tasks", "5");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains(
                        "Landscape: aligned",
                        "Landscape: mismatch",
                        "Landscape: deceptive",
                        "2 seeds",
                        "budget 40 evaluations")
                .contains(StrategyCatalog.kinds());
    }

    @Test
    void should_reject_a_budget_too_small_for_one_node() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err));

        int exit = cli.execute("strategies", "--budget", "3", "--tasks", "5");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("budget must be at least the number of tasks (5)");
    }
}
