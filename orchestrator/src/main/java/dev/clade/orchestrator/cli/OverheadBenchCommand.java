package dev.clade.orchestrator.cli;

import dev.clade.orchestrator.api.ApiToken;
import dev.clade.orchestrator.bench.OverheadBench;
import dev.clade.orchestrator.engine.CampaignRunner;
import dev.clade.orchestrator.experiment.Folders;
import dev.clade.orchestrator.timing.Part;
import dev.clade.orchestrator.timing.Timings;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clade bench overhead}: what the loop itself costs per experiment, on real campaigns. */
@Dependent
@Unremovable
@Command(
        name = "overhead",
        mixinStandardHelpOptions = true,
        description = {
            "Runs real campaigns (sandboxed evaluator, git, PostgreSQL, the offline proposer) and prints the loop's own"
                    + " time per experiment: its time minus its stages', median and 90th percentile, and its parts,"
                    + " per repository size, beside one `cp -a` of the tree measured in the same run; the workers'"
                    + " utilization with 1 s evaluations; the time of a decision and of an experiment per strategy on"
                    + " archives of growing size.",
            "Unless CLADE_HOME or an external database is set, it works in a fresh temporary home that is deleted"
                    + " afterwards (--keep keeps it)."
        })
public class OverheadBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--sizes",
            split = ",",
            paramLabel = "FILES",
            description = "repository sizes in files (default: 10,1000,10000)")
    List<Integer> sizes = OverheadBench.Settings.DEFAULT_SIZES;

    @Option(
            names = "--experiments",
            paramLabel = "E",
            defaultValue = "" + OverheadBench.Settings.DEFAULT_EXPERIMENTS,
            description = "experiments per repository size (default: ${DEFAULT-VALUE})")
    int experiments;

    @Option(
            names = "--workers",
            split = ",",
            paramLabel = "N",
            description = "worker counts for the utilization of 1 s evaluations (default: 8,16)")
    List<Integer> workers = OverheadBench.Settings.DEFAULT_WORKERS;

    @Option(
            names = "--archives",
            split = ",",
            paramLabel = "NODES",
            description = "archive sizes for the decision and experiment times (default: 100,1000,10000)")
    List<Integer> archives = OverheadBench.Settings.DEFAULT_ARCHIVES;

    @Option(
            names = "--archive-experiments",
            paramLabel = "E",
            defaultValue = "" + OverheadBench.Settings.DEFAULT_ARCHIVE_EXPERIMENTS,
            description = "experiments measured per strategy and archive size (default: ${DEFAULT-VALUE})")
    int archiveExperiments;

    @Option(
            names = "--readers",
            paramLabel = "N",
            defaultValue = "100",
            description = "concurrent API readers of a running campaign; 0 skips that part (default: ${DEFAULT-VALUE})")
    int readers;

    @Option(
            names = "--reader-nodes",
            paramLabel = "NODES",
            defaultValue = "2000",
            description = "archive size of the campaign the readers read (default: ${DEFAULT-VALUE})")
    int readerNodes;

    @Option(names = "--keep", description = "keep the temporary home (its campaigns)")
    boolean keep;

    @Inject
    CampaignRunner runner;

    @Inject
    Timings timings;

    @Inject
    DataSource database;

    @Inject
    ApiToken token;

    @Override
    public Integer call() throws IOException {
        OverheadBench.Settings settings;
        try {
            settings = new OverheadBench.Settings(sizes, experiments, workers, archives, archiveExperiments);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("clade bench overhead: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        if (readers < 0 || readers > 1_000 || readerNodes < 1 || readerNodes > 100_000) {
            spec.commandLine()
                    .getErr()
                    .println("clade bench overhead: --readers must be between 0 and 1000 and --reader-nodes between 1"
                            + " and 100000");
            return CommandLine.ExitCode.USAGE;
        }
        PrintWriter out = spec.commandLine().getOut();
        String prefix = "bench-overhead-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMdd-HHmmss"));
        Path work = Files.createTempDirectory("clade-bench-overhead");
        OverheadBench bench = new OverheadBench(runner, timings, database);
        try {
            out.println("Overhead per experiment: its time minus its stages' (greedy, offline proposer, parallelism 1,"
                    + " bubblewrap, after a warm-up campaign); parts are medians; cp -a copies the tree once, on the"
                    + " same disk.");
            out.printf(
                    "%7s %8s %4s %9s %9s %9s %9s %9s %9s %9s %9s %9s %9s %8s%n",
                    "files",
                    "MB",
                    "n",
                    "median",
                    "p90",
                    "checkout",
                    "propose",
                    "commit",
                    "pinned",
                    "database",
                    "schedule",
                    "stages",
                    "cp -a",
                    "med/cp");
            out.flush();
            bench.warmUp(work, prefix);
            bench.sizes(settings, work, prefix, r -> {
                out.printf(
                        Locale.ROOT,
                        "%7d %8.1f %4d %9s %9s %9s %9s %9s %9s %9s %9s %9s %9s %8.2f%n",
                        r.files(),
                        r.bytes() / 1e6,
                        r.experiments(),
                        ms(r.overhead().median()),
                        ms(r.overhead().p90()),
                        ms(r.parts().get(Part.CHECKOUT)),
                        ms(r.parts().get(Part.PROPOSE)),
                        ms(r.parts().get(Part.COMMIT)),
                        ms(r.parts().get(Part.PINNED)),
                        ms(r.parts().get(Part.DATABASE)),
                        ms(r.parts().get(Part.SCHEDULING)),
                        ms(r.parts().get(Part.STAGES)),
                        ms(r.copy()),
                        r.overhead().median() / (double) r.copy());
                out.flush();
            });
            out.println();
            out.println("Utilization: the workers' time in stages, of their whole time, with evaluations of 1 s.");
            out.printf("%8s %12s %12s %14s%n", "workers", "experiments", "utilization", "experiments/s");
            out.flush();
            bench.workers(settings, work, prefix, r -> {
                out.printf(
                        Locale.ROOT,
                        "%8d %12d %11.1f%% %14.2f%n",
                        r.workers(),
                        r.experiments(),
                        100 * r.utilization(),
                        r.perSecond());
                out.flush();
            });
            out.println();
            out.println("Archive size: a strategy's decision on a simulated archive; the reservation (decision, budget,"
                    + " database) and the whole experiment, medians over real experiments on an archive grown to that"
                    + " size.");
            out.printf("%8s %8s %10s %12s %11s%n", "strategy", "nodes", "decision", "reservation", "experiment");
            out.flush();
            bench.archives(settings, work, prefix, r -> {
                out.printf(
                        "%8s %8d %10s %12s %11s%n",
                        r.strategy(), r.nodes(), ms(r.decision()), ms(r.reservation()), ms(r.experiment()));
                out.flush();
            });
            if (readers > 0) {
                readers(out, bench, work, prefix);
            }
        } finally {
            Folders.delete(work);
        }
        out.printf("%nCampaigns %s-* (kept with --keep)%n", prefix);
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    private void readers(PrintWriter out, OverheadBench bench, Path work, String prefix) {
        out.println();
        out.printf(
                "Readers: %d API clients read a running campaign of %d nodes (list, tree, a node, in turn; 4 workers,"
                        + " 0.2 s stages).%n",
                readers, readerNodes);
        out.flush();
        OverheadBench.ReadersRow r =
                bench.readers(work, prefix, readerNodes, readers, 40, Addresses.base(), token.value());
        out.printf("%6s %9s %9s %9s %9s%n", "read", "answers", "p50", "p99", "failed");
        r.kinds()
                .forEach((kind, k) -> out.printf(
                        "%6s %9d %9s %9s %9d%n",
                        kind, k.nanos().length, ms(k.percentile(0.5)), ms(k.percentile(0.99)), k.failures()));
        out.printf(
                Locale.ROOT,
                "campaign: %.2f experiments/s alone, %.2f with the readers (%.0f%%); largest resident memory %.0f MB%n",
                r.alonePerSecond(),
                r.readPerSecond(),
                100 * r.readPerSecond() / r.alonePerSecond(),
                r.maxResidentBytes() / 1e6);
        out.flush();
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, nanos < 10_000_000 ? "%.2f ms" : "%.0f ms", nanos / 1e6);
    }
}
