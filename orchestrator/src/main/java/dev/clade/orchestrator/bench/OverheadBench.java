package dev.clade.orchestrator.bench;

import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.engine.CampaignRunner;
import dev.clade.orchestrator.events.ProgressListener;
import dev.clade.orchestrator.timing.CampaignTimes;
import dev.clade.orchestrator.timing.ExperimentTime;
import dev.clade.orchestrator.timing.Part;
import dev.clade.orchestrator.timing.Timings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import javax.sql.DataSource;

/**
 * {@code clade bench overhead}: real campaigns (sandboxed evaluator, git, PostgreSQL, the offline proposer, greedy)
 * measured by the loop's own stopwatch. Per repository size: the overhead per experiment (its time minus its stages')
 * and its parts, beside one {@code cp -a} of the tree measured in the same run; the workers' utilization with 1 s
 * evaluations; and, for each strategy, the time of a decision and of an experiment on archives of growing size
 * (simulated nodes stored in PostgreSQL ahead of the measured experiments, see {@link SeededArchive}).
 */
public final class OverheadBench {

    /** What the benchmark runs. */
    public record Settings(
            List<Integer> sizes,
            int experiments,
            List<Integer> workers,
            List<Integer> archives,
            int archiveExperiments) {

        public static final List<Integer> DEFAULT_SIZES = List.of(10, 1_000, 10_000);
        public static final int DEFAULT_EXPERIMENTS = 30;
        public static final List<Integer> DEFAULT_WORKERS = List.of(8, 16);
        public static final List<Integer> DEFAULT_ARCHIVES = List.of(100, 1_000, 10_000);
        public static final int DEFAULT_ARCHIVE_EXPERIMENTS = 15;

        public Settings {
            sizes = List.copyOf(sizes);
            workers = List.copyOf(workers);
            archives = List.copyOf(archives);
            if (sizes.stream().anyMatch(s -> s < 3 || s > 100_000)) {
                throw new IllegalArgumentException("repository sizes must be between 3 and 100000 files, got " + sizes);
            }
            if (experiments < 5 || experiments > 1_000) {
                throw new IllegalArgumentException("experiments must be between 5 and 1000, got " + experiments);
            }
            if (workers.stream().anyMatch(w -> w < 1 || w > 64)) {
                throw new IllegalArgumentException("workers must be between 1 and 64, got " + workers);
            }
            if (archives.stream().anyMatch(a -> a < 1 || a > 100_000)) {
                throw new IllegalArgumentException("archive sizes must be between 1 and 100000 nodes, got " + archives);
            }
            if (archiveExperiments < 3 || archiveExperiments > 1_000) {
                throw new IllegalArgumentException(
                        "experiments per archive must be between 3 and 1000, got " + archiveExperiments);
            }
        }
    }

    /** Median and 90th percentile, in nanoseconds. */
    public record Spread(long median, long p90) {
        static Spread of(List<ExperimentTime> times, ToLongFunction<ExperimentTime> value) {
            long[] sorted = times.stream().mapToLong(value).sorted().toArray();
            if (sorted.length == 0) {
                return new Spread(0, 0);
            }
            return new Spread(sorted[(sorted.length - 1) / 2], sorted[(int) Math.ceil(0.9 * sorted.length) - 1]);
        }
    }

    /** One repository size: the overhead per experiment, its parts' medians, one {@code cp -a} of the tree. */
    public record SizeRow(int files, long bytes, int experiments, Spread overhead, Map<Part, Long> parts, long copy) {}

    /** The workers' utilization with evaluations of about a second. */
    public record WorkersRow(int workers, int experiments, double utilization, double perSecond) {}

    /**
     * A campaign on an archive of {@code nodes} read by {@code readers} concurrent API clients: its rate alone and
     * with them, their answers' times, failures and the process's largest resident memory while they read.
     */
    public record ReadersRow(
            int nodes,
            int readers,
            double alonePerSecond,
            double readPerSecond,
            Map<String, ReaderLoad.Kind> kinds,
            long maxResidentBytes) {}

    /** One strategy on an archive of {@code nodes}: the median decision and experiment. */
    public record ArchiveRow(String strategy, int nodes, long decision, long reservation, long experiment) {}

    private final CampaignRunner runner;
    private final Timings timings;
    private final DataSource database;

    public OverheadBench(CampaignRunner runner, Timings timings, DataSource database) {
        this.runner = runner;
        this.timings = timings;
        this.database = database;
    }

    /**
     * A campaign whose figures are not kept: the first experiments of a fresh process run the loop's code before the
     * JIT compiled it, and a long campaign is timed by its thousands of later ones.
     */
    public void warmUp(Path work, String prefix) {
        Path target = work.resolve("target-warm-up");
        GeneratedTarget.write(target, 10, "");
        run(work, prefix + "-warm-up", target, "greedy", WARM_UP, 1);
    }

    static final int WARM_UP = 40;

    public List<SizeRow> sizes(Settings settings, Path work, String prefix, Consumer<SizeRow> done) {
        List<SizeRow> rows = new ArrayList<>();
        for (int files : settings.sizes()) {
            Path target = work.resolve("target-" + files);
            long bytes = GeneratedTarget.write(target, files, "");
            long copy = GeneratedTarget.copyTime(target, work.resolve("copy-" + files));
            String name = prefix + "-files-" + files;
            List<ExperimentTime> times = run(work, name, target, "greedy", settings.experiments(), 1);
            Map<Part, Long> parts = new EnumMap<>(Part.class);
            for (Part part : Part.values()) {
                parts.put(part, Spread.of(times, t -> t.of(part)).median());
            }
            SizeRow row = new SizeRow(
                    files, bytes, times.size(), Spread.of(times, ExperimentTime::overheadNanos), parts, copy);
            rows.add(row);
            done.accept(row);
        }
        return rows;
    }

    public List<WorkersRow> workers(Settings settings, Path work, String prefix, Consumer<WorkersRow> done) {
        Path target = work.resolve("target-sleep");
        GeneratedTarget.write(target, 10, "sleep 1\n");
        List<WorkersRow> rows = new ArrayList<>();
        for (int workers : settings.workers()) {
            String name = prefix + "-workers-" + workers;
            int experiments = 10 * workers; // as the issue measured: 80 experiments for 8 workers
            List<ExperimentTime> times = run(work, name, target, "greedy", experiments, workers);
            CampaignTimes campaign = timings.of(name);
            WorkersRow row = new WorkersRow(
                    workers, times.size(), campaign.utilization(), times.size() / (campaign.loopNanos() / 1e9));
            rows.add(row);
            done.accept(row);
        }
        return rows;
    }

    public List<ArchiveRow> archives(Settings settings, Path work, String prefix, Consumer<ArchiveRow> done) {
        Path target = work.resolve("target-archive");
        GeneratedTarget.write(target, 10, "");
        List<ArchiveRow> rows = new ArrayList<>();
        for (String strategy : List.of("greedy", "dgm", "hgm")) {
            for (int nodes : settings.archives()) {
                String name = prefix + "-" + strategy + "-" + nodes;
                long decision = SimulatedDecisions.median(strategy, nodes);
                run(work, name, target, strategy, 1, 1);
                new SeededArchive(database).seed(name, nodes);
                List<ExperimentTime> times =
                        run(work, name, target, strategy, nodes + 1 + settings.archiveExperiments(), 1);
                List<ExperimentTime> measured =
                        times.subList(Math.max(0, times.size() - settings.archiveExperiments()), times.size());
                ArchiveRow row = new ArchiveRow(
                        strategy,
                        nodes,
                        decision,
                        Spread.of(measured, t -> t.of(Part.SCHEDULING)).median(),
                        Spread.of(measured, ExperimentTime::totalNanos).median());
                rows.add(row);
                done.accept(row);
            }
        }
        return rows;
    }

    /**
     * A campaign grown to {@code nodes} nodes, run for {@code experiments} more alone, then as many again with {@code
     * readers} API clients reading its tree, its nodes and the list of campaigns all the while.
     */
    public ReadersRow readers(
            Path work, String prefix, int nodes, int readers, int experiments, String base, String token) {
        Path target = work.resolve("target-readers");
        GeneratedTarget.write(target, 10, "sleep 0.2\n");
        String name = prefix + "-readers-" + nodes;
        int workers = 4;
        run(work, name, target, "greedy", 1, workers);
        new SeededArchive(database).seed(name, nodes);
        CampaignTimes times = timings.of(name);
        int budget = nodes + 1 + experiments;
        long before = times.loopNanos();
        int done = times.experiments().size();
        run(work, name, target, "greedy", budget, workers);
        double alone = (times.experiments().size() - done) / ((times.loopNanos() - before) / 1e9);
        ReaderLoad load = new ReaderLoad(base, token, name, nodes, readers);
        before = times.loopNanos();
        done = times.experiments().size();
        try {
            run(work, name, target, "greedy", budget + experiments, workers);
        } finally {
            load.close(); // the readers stop before their answers are counted
        }
        double read = (times.experiments().size() - done) / ((times.loopNanos() - before) / 1e9);
        return new ReadersRow(nodes, readers, alone, read, load.kinds(), load.maxResidentBytes());
    }

    /** Runs (or continues, with a larger budget) a campaign on target; its experiments' times in this process. */
    private List<ExperimentTime> run(
            Path work, String name, Path target, String strategy, int experiments, int parallelism) {
        Path spec = work.resolve(name + ".yaml");
        try {
            Files.writeString(spec, GeneratedTarget.spec(name, target, strategy, experiments, parallelism));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        runner.run(SpecReader.read(spec), ProgressListener.SILENT);
        return timings.of(name).experiments();
    }
}
