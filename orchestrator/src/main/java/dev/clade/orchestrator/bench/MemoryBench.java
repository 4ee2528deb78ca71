package dev.clade.orchestrator.bench;

import dev.clade.orchestrator.archive.ArchiveService;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignService;
import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.engine.CampaignRunner;
import dev.clade.orchestrator.events.ProgressListener;
import dev.clade.orchestrator.strategy.NodeState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * {@code clade bench memory}: real campaigns (sandboxed evaluator, git, PostgreSQL, the offline proposer) on a target
 * with a recurring failure mode, each run with memory on and off over the same budget and seeds. The target is a
 * training job whose score rises with its batch size up to the point where the batch no longer fits in memory and the
 * job crashes: the search is drawn to the edge, and without memory it keeps stepping over it.
 */
public final class MemoryBench {

    static final String RESOURCES = "/dev/clade/orchestrator/bench/memory/";
    static final List<String> TARGET_FILES = List.of("params.txt", "evaluate.sh");

    /** What each campaign gets. */
    public record Settings(int seeds, int experiments) {
        public static final int DEFAULT_SEEDS = 6;
        public static final int DEFAULT_EXPERIMENTS = 40;

        public Settings {
            if (seeds < 1 || seeds > 50) {
                throw new IllegalArgumentException("seeds must be between 1 and 50, got " + seeds);
            }
            if (experiments < 5 || experiments > 500) {
                throw new IllegalArgumentException("experiments must be between 5 and 500, got " + experiments);
            }
        }
    }

    /**
     * One campaign's outcome.
     *
     * @param repeated failures after the first one: the target has one failure mode, so each is the same mistake again
     */
    public record Run(String campaign, boolean memory, long seed, int nodes, int failures, OptionalDouble best) {
        public int repeated() {
            return Math.max(0, failures - 1);
        }
    }

    private final CampaignRunner runner;
    private final CampaignService campaigns;
    private final ArchiveService archive;

    public MemoryBench(CampaignRunner runner, CampaignService campaigns, ArchiveService archive) {
        this.runner = runner;
        this.campaigns = campaigns;
        this.archive = archive;
    }

    /** Runs every seed with memory off, then on; campaigns are named {@code <prefix>-off-<seed>}, ... */
    public List<Run> run(Settings settings, Path workDir, String prefix, Consumer<Run> done) {
        Path target = writeTarget(workDir.resolve("target"));
        List<Run> runs = new ArrayList<>();
        for (long seed = 1; seed <= settings.seeds(); seed++) {
            for (boolean memory : new boolean[] {false, true}) {
                String name = prefix + (memory ? "-on-" : "-off-") + seed;
                Run run = runOne(name, target, workDir, settings.experiments(), seed, memory);
                runs.add(run);
                done.accept(run);
            }
        }
        return runs;
    }

    private Run runOne(String name, Path target, Path workDir, int experiments, long seed, boolean memory) {
        Path spec = workDir.resolve(name + ".yaml");
        try {
            Files.writeString(spec, spec(name, target, experiments, seed, memory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        runner.run(SpecReader.read(spec), ProgressListener.SILENT);
        Campaign c = campaigns.find(name).orElseThrow();
        List<NodeInfo> nodes =
                archive.all(c.id).stream().filter(n -> n.number() > 0).toList();
        int failures =
                (int) nodes.stream().filter(n -> n.state() == NodeState.FAILED).count();
        OptionalDouble best = nodes.stream()
                .filter(n -> n.score().isPresent())
                .mapToDouble(n -> n.score().getAsDouble())
                .max();
        return new Run(name, memory, seed, nodes.size(), failures, best);
    }

    static String spec(String name, Path target, int experiments, long seed, boolean memory) {
        return """
                name: %s
                goal: maximize the training score without running out of memory
                target:
                  repo: %s
                  editable: [params.txt]
                evaluator:
                  metric: score
                  direction: maximize
                  stages:
                    - name: train
                      command: sh evaluate.sh
                      timeout: 30s
                strategy:
                  kind: greedy
                proposer:
                  kind: offline
                budget:
                  experiments: %d
                seed: %d
                memory:
                  enabled: %s
                """.formatted(name, target, experiments, seed, memory);
    }

    static Path writeTarget(Path dir) {
        return BenchResources.write(RESOURCES, TARGET_FILES, dir);
    }
}
