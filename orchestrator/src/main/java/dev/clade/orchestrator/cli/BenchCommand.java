package dev.clade.orchestrator.cli;

import dev.clade.orchestrator.bench.BenchSettings;
import dev.clade.orchestrator.bench.LandscapeTable;
import dev.clade.orchestrator.bench.StrategyBench;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clade bench}: benchmarks that need no database, no repository and no network. A plain picocli command
 * (not a CDI bean), so it runs without starting the application's services.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description =
                "Runs Clade's benchmarks: search strategies on simulated problems, memory and the loop's overhead on"
                        + " real campaigns.",
        subcommands = {
            BenchCommand.Strategies.class,
            MemoryBenchCommand.class,
            OverheadBenchCommand.class,
            CommandLine.HelpCommand.class
        })
public class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    public BenchCommand() {}

    /** Without a subcommand: the usage, and the usage error code. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    @Command(
            name = "strategies",
            mixinStandardHelpOptions = true,
            description = {
                "Compares the search strategies on simulated trees of self-modifications, where a node's own"
                        + " performance predicts its descendants' (aligned) or misleads about them (mismatch).",
                "Every strategy gets the same budget of task evaluations and the same seeds; a seed fixes the tree"
                        + " and the task outcomes. Prints one table per landscape: the best true utility among the"
                        + " nodes created, the true utility of the strategy's final answer, and the evaluations spent"
                        + " before a node at the landscape's level first existed."
            })
    public static class Strategies implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(
                names = "--seeds",
                paramLabel = "N",
                defaultValue = "" + BenchSettings.DEFAULT_SEEDS,
                description = "runs per strategy and landscape, seeds 1 to N (default: ${DEFAULT-VALUE})")
        int seeds;

        @Option(
                names = "--budget",
                paramLabel = "E",
                defaultValue = "" + BenchSettings.DEFAULT_BUDGET,
                description = "task evaluations per run, the same for every strategy (default: ${DEFAULT-VALUE})")
        long budget;

        @Option(
                names = "--tasks",
                paramLabel = "T",
                defaultValue = "" + BenchSettings.DEFAULT_TASKS,
                description = "tasks of the simulated evaluator (default: ${DEFAULT-VALUE})")
        int tasks;

        public Strategies() {}

        @Override
        public Integer call() {
            BenchSettings settings;
            try {
                settings = new BenchSettings(seeds, tasks, budget);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("clade bench strategies: " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            PrintWriter out = spec.commandLine().getOut();
            List<LandscapeTable> tables = StrategyBench.run(settings);
            out.println("best true utility: the highest hidden utility (chance to solve a task) among the nodes a run"
                    + " created;");
            out.println("final answer: the hidden utility of the node the strategy returns; evals to reach L: task"
                    + " evaluations spent");
            out.println("before the first node with utility >= L was created, over the seeds that reached L.");
            for (LandscapeTable table : tables) {
                out.println();
                out.print(table.render());
            }
            out.flush();
            return CommandLine.ExitCode.OK;
        }
    }
}
