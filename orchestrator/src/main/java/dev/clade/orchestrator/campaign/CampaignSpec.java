package dev.clade.orchestrator.campaign;

import dev.clade.orchestrator.strategy.Direction;
import dev.clade.orchestrator.strategy.StrategySpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A validated campaign (DESIGN.md, "Campaign spec"). Built only by {@link SpecReader}, which names the field of every
 * problem; the compact constructors only guard against programming errors.
 */
public record CampaignSpec(
        String name,
        String goal,
        Target target,
        EvaluatorSpec evaluator,
        StrategySpec strategy,
        ProposerSpec proposer,
        Budget budget,
        int parallelism,
        long seed,
        MemorySpec memory,
        List<String> knowledge,
        Optional<Novelty> novelty,
        int recommendEvery) {

    public CampaignSpec {
        Objects.requireNonNull(novelty, "novelty");
        Objects.requireNonNull(memory, "memory");
        knowledge = List.copyOf(knowledge);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(evaluator, "evaluator");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(proposer, "proposer");
        Objects.requireNonNull(budget, "budget");
    }

    /**
     * The paths a proposal may change: those {@code target.editable} accepts, less the evaluator's files, which are
     * pinned whatever the globs say.
     */
    public java.util.function.Predicate<String> editablePaths() {
        EditableGlobs pinned = EditableGlobs.of(evaluator.files());
        return EditableGlobs.of(target.editable()).and(pinned.negate());
    }

    /**
     * What to improve.
     *
     * @param repo absolute local path or git URL
     * @param ref branch, tag or commit of a git repository; {@code HEAD} by default
     * @param editable globs of the paths a proposal may change ({@code *} stays within a folder, {@code **} crosses)
     */
    /**
     * @param program the file being evolved that a Python evaluator function or a results-folder script is given
     *     ({@code target.program}; OpenEvolve's and ShinkaEvolve's {@code program_path}); empty when no stage needs one
     */
    public record Target(String repo, String ref, List<String> editable, Optional<String> program) {
        public Target {
            editable = List.copyOf(editable);
        }

        public Target(String repo, String ref, List<String> editable) {
            this(repo, ref, editable, Optional.empty());
        }
    }

    /**
     * How a checkout is scored; see the evaluator protocol in the README.
     *
     * @param tasks ids of benchmark instances; when present each search stage runs once per task with
     *     {@code $CLADE_TASK} set, and a node's score is the mean over its evaluated tasks
     * @param utilityRange the scores that map to utility 0 and 1 (see {@link UtilityRange}); empty means [0, 1]
     * @param strictIsolation refuse to run a stage when the sandbox cannot apply every isolation feature
     * @param files globs of the files the stages run ({@code evaluator.files}; by default the repository files the
     *     stage commands name): pinned to the base commit whatever {@code target.editable} says
     * @param agentBenchmark a folder of coding tasks ({@code <task>/task.md}, {@code repo/}, {@code hidden/}): each
     *     evaluation first runs the candidate agent (the node's checkout) on the task's repository, then the stages
     *     run in what it left, with the hidden tests copied to {@code .clade-hidden/}
     */
    public record EvaluatorSpec(
            String metric,
            Direction direction,
            List<Stage> stages,
            long outputLimitBytes,
            Map<String, String> env,
            List<String> tasks,
            Optional<UtilityRange> utilityRange,
            boolean strictIsolation,
            Optional<String> agentBenchmark,
            List<String> files) {

        public EvaluatorSpec {
            files = List.copyOf(files);
            stages = List.copyOf(stages);
            env = Map.copyOf(env);
            tasks = List.copyOf(tasks);
        }

        /** The range scores map from: the given one, else [0, 1]. */
        public UtilityRange range() {
            return utilityRange.orElse(new UtilityRange(0, 1));
        }

        public List<Stage> searchStages() {
            return stages.stream().filter(s -> !s.holdout()).toList();
        }

        public List<Stage> holdoutStages() {
            return stages.stream().filter(Stage::holdout).toList();
        }
    }

    /**
     * Maps a task's score to a utility in [0, 1], as HGM needs: linearly from {@code worst} (utility 0) to {@code
     * best} (utility 1) in the campaign's direction, clipped. A task that fails or is gated has utility 0 and counts
     * with the worst score in a node's mean.
     */
    public record UtilityRange(double lower, double upper) {
        public UtilityRange {
            if (!(lower < upper)) {
                throw new IllegalArgumentException("utility range needs lower < upper");
            }
        }

        public double utility(double score, Direction direction) {
            double u = direction == Direction.MAXIMIZE
                    ? (score - lower) / (upper - lower)
                    : (upper - score) / (upper - lower);
            return Math.max(0, Math.min(1, u));
        }

        public double worst(Direction direction) {
            return direction == Direction.MAXIMIZE ? lower : upper;
        }
    }

    /**
     * One command of the cascade.
     *
     * @param threshold a score that must be reached (at least, or at most when minimizing) for the next stage to run
     * @param holdout never run during search; scores the final answer only, never shown to the proposer
     */
    public record Stage(
            String name,
            String command,
            Duration timeout,
            OptionalDouble threshold,
            boolean holdout,
            Execution execution) {

        /** A stage run locally with no network and no resource limits beyond the sandbox's defaults. */
        public Stage(String name, String command, Duration timeout, OptionalDouble threshold, boolean holdout) {
            this(name, command, timeout, threshold, holdout, Execution.local());
        }

        public boolean passes(double score, Direction direction) {
            return threshold.isEmpty() || direction.atLeastAsGood(score, threshold.getAsDouble());
        }
    }

    /**
     * Where and with what a stage runs.
     *
     * @param backend {@code local} (this machine, in the sandbox) or {@code slurm}
     * @param network whether the stage may use the network (default no)
     * @param resources GPUs to lease and limits to enforce (or to ask the scheduler for)
     */
    public record Execution(Backend backend, boolean network, ResourceSpec resources) {
        public static Execution local() {
            return new Execution(Backend.LOCAL, false, ResourceSpec.none());
        }
    }

    /**
     * Resources of a stage ({@code resources: {gpus, cpus, memory, cpuTime, processes}}); absent values are left to the
     * sandbox's defaults.
     */
    public record ResourceSpec(
            int gpus,
            java.util.OptionalInt cpus,
            java.util.OptionalLong memoryBytes,
            Optional<Duration> cpuTime,
            java.util.OptionalInt processes) {
        public static ResourceSpec none() {
            return new ResourceSpec(
                    0,
                    java.util.OptionalInt.empty(),
                    java.util.OptionalLong.empty(),
                    Optional.empty(),
                    java.util.OptionalInt.empty());
        }
    }

    /**
     * The episodic memory of lessons ({@code memory: {enabled, recall, scope}}).
     *
     * @param enabled learn lessons from evaluated nodes and give them to the proposer (default true); off, the campaign
     *     neither learns nor recalls
     * @param recall how many lessons recall puts in a proposal's context (default 5); the parameter bounds failures
     *     taught come on top
     * @param everyCampaign recall lessons of every campaign ({@code scope: global}), not only this one's and the global
     *     ones ({@code scope: campaign}, the default)
     * @param modelDistiller whether the proposer's model also writes lessons from each node ({@code distiller: llm},
     *     the default for llm and self proposers); the deterministic distiller always runs
     */
    /**
     * Novelty rejection ({@code proposer.novelty}): a committed child whose changed code embeds within {@code
     * threshold} (cosine similarity) of a node of its island (of the archive, without islands) is not evaluated, and
     * the proposer is asked again, at most {@code retries} times, with the nearest node named; the last try is
     * evaluated whatever it is.
     */
    public record Novelty(double threshold, int retries) {
        public static final double DEFAULT_THRESHOLD = 0.99;
        public static final int DEFAULT_RETRIES = 3;

        public Novelty {
            if (!(threshold > 0 && threshold <= 1) || retries < 0 || retries > 10) {
                throw new IllegalArgumentException("novelty needs a threshold in (0, 1] and 0 to 10 retries");
            }
        }
    }

    /** Experiments between two recommendation calls of a proposer that calls a model ({@code proposer.recommendEvery}). */
    public static final int DEFAULT_RECOMMEND_EVERY = 10;

    public record MemorySpec(boolean enabled, int recall, boolean everyCampaign, boolean modelDistiller) {
        public static MemorySpec defaults() {
            return new MemorySpec(true, 5, false, false);
        }
    }

    /**
     * When to stop: after {@code experiments} nodes beyond the root, or when the campaign has been active for {@code
     * wallClock} (summed over restarts), whichever comes first. {@code evaluations} bounds the task evaluations of
     * strategies that evaluate task by task (hgm; by default experiments × tasks); greedy and dgm evaluate every task of
     * every node, so their experiments bound them.
     */
    public record Budget(
            int experiments,
            Optional<Duration> wallClock,
            OptionalDouble costUsd,
            java.util.OptionalLong evaluations) {}
}
