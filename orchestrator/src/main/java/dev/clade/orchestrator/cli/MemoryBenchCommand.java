package dev.clade.orchestrator.cli;

import dev.clade.knowledge.search.KnowledgeSearch;
import dev.clade.knowledge.store.KnowledgeBase;
import dev.clade.orchestrator.archive.ArchiveService;
import dev.clade.orchestrator.bench.MemoryBench;
import dev.clade.orchestrator.bench.RetrievalBench;
import dev.clade.orchestrator.campaign.CampaignService;
import dev.clade.orchestrator.engine.CampaignRunner;
import dev.clade.orchestrator.experiment.Folders;
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
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clade bench memory}: memory on against memory off on real campaigns. */
@Dependent
@Unremovable
@Command(
        name = "memory",
        mixinStandardHelpOptions = true,
        description = {
            "Runs real campaigns (sandboxed evaluator, git, PostgreSQL, the offline proposer) on a target whose"
                    + " evaluator crashes in a region of one parameter next to the optimum, with memory off and on over"
                    + " the same budget and seeds, and prints the failures repeated and the best score of each.",
            "Then ingests a sample corpus and prints recall@5 of a labelled query set.",
            "Unless CLADE_HOME or an external database is set, it works in a fresh temporary home that is deleted"
                    + " afterwards (--keep keeps it)."
        })
public class MemoryBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--seeds",
            paramLabel = "N",
            defaultValue = "" + MemoryBench.Settings.DEFAULT_SEEDS,
            description = "campaigns per setting, seeds 1 to N (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(
            names = "--experiments",
            paramLabel = "E",
            defaultValue = "" + MemoryBench.Settings.DEFAULT_EXPERIMENTS,
            description = "experiments per campaign (default: ${DEFAULT-VALUE})")
    int experiments;

    @Option(names = "--keep", description = "keep the temporary home (its campaigns and lessons)")
    boolean keep;

    @Inject
    CampaignRunner runner;

    @Inject
    CampaignService campaigns;

    @Inject
    ArchiveService archive;

    @Inject
    KnowledgeBase knowledge;

    @Inject
    KnowledgeSearch search;

    @Override
    public Integer call() throws IOException {
        MemoryBench.Settings settings;
        try {
            settings = new MemoryBench.Settings(seeds, experiments);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("clade bench memory: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        PrintWriter out = spec.commandLine().getOut();
        String prefix = "bench-memory-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMdd-HHmmss"));
        Path work = Files.createTempDirectory("clade-bench-memory");
        try {
            out.printf("%-8s %5s %6s %8s %9s %11s%n", "memory", "seed", "nodes", "failed", "repeated", "best score");
            out.flush();
            List<MemoryBench.Run> runs = new MemoryBench(runner, campaigns, archive).run(settings, work, prefix, r -> {
                out.printf(
                        "%-8s %5d %6d %8d %9d %11s%n",
                        r.memory() ? "on" : "off", r.seed(), r.nodes(), r.failures(), r.repeated(), score(r.best()));
                out.flush();
            });
            summary(out, runs);
            retrieval(out, new RetrievalBench(knowledge, search).run(work));
        } finally {
            Folders.delete(work);
        }
        out.printf("%nCampaigns %s-{off,on}-<seed> (kept with --keep: clade lessons %s-on-1)%n", prefix, prefix);
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    static void retrieval(PrintWriter out, RetrievalBench.Result result) {
        out.println();
        out.printf(
                "Knowledge retrieval: %d labelled queries over a sample corpus of %d pages (Markdown, HTML, PDF, BibTeX,"
                        + " code)%n",
                result.queries().size(), result.pages());
        for (RetrievalBench.Query q : result.queries()) {
            out.printf("  %-4s %-66s %s%n", q.rank() == 0 ? "-" : "#" + q.rank(), q.text(), q.expected());
        }
        out.printf(
                "recall@%d: %s   recall@1: %s%n",
                RetrievalBench.K, ratio(result.recallAtK()), ratio(result.recallAt1()));
    }

    static void summary(PrintWriter out, List<MemoryBench.Run> runs) {
        Totals off = Totals.of(runs, r -> !r.memory());
        Totals on = Totals.of(runs, MemoryBench.Run::memory);
        out.println();
        out.printf(
                "memory off: %d failures, %d repeated; mean best score %s%n",
                off.failures, off.repeated, score(off.best));
        out.printf(
                "memory on:  %d failures, %d repeated; mean best score %s%n", on.failures, on.repeated, score(on.best));
        out.printf(
                "repeated failures, on / off: %s%n",
                off.repeated == 0 ? "n/a (none repeated without memory)" : ratio((double) on.repeated / off.repeated));
        if (on.best.isPresent() && off.best.isPresent()) {
            out.printf(
                    "mean best score, on - off: %+.4f (higher is better)%n",
                    on.best.getAsDouble() - off.best.getAsDouble());
        }
    }

    private record Totals(int failures, int repeated, OptionalDouble best) {
        static Totals of(List<MemoryBench.Run> runs, Predicate<MemoryBench.Run> which) {
            List<MemoryBench.Run> chosen = runs.stream().filter(which).toList();
            return new Totals(
                    chosen.stream().mapToInt(MemoryBench.Run::failures).sum(),
                    chosen.stream().mapToInt(MemoryBench.Run::repeated).sum(),
                    chosen.stream()
                            .filter(r -> r.best().isPresent())
                            .mapToDouble(r -> r.best().getAsDouble())
                            .average());
        }
    }

    private static String score(OptionalDouble d) {
        return d.isPresent() ? String.format(Locale.ROOT, "%.4f", d.getAsDouble()) : "-";
    }

    private static String ratio(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }
}
