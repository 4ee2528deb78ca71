package dev.clade.orchestrator.evaluation;

import dev.clade.orchestrator.campaign.Backend;
import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.campaign.CampaignSpec.Stage;
import dev.clade.orchestrator.campaign.PythonStages;
import dev.clade.orchestrator.timing.Part;
import dev.clade.orchestrator.timing.Stopwatch;
import dev.clade.sandbox.Breach;
import dev.clade.sandbox.Isolation;
import dev.clade.sandbox.Resources;
import dev.clade.sandbox.Sandbox;
import dev.clade.sandbox.SandboxRequest;
import dev.clade.sandbox.SandboxResult;
import dev.clade.sandbox.Termination;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs the staged cascade of an evaluator (DESIGN.md, "Evaluator protocol") in the sandbox. A stage that crashes,
 * times out, prints no valid score, or breaches a limit (memory, processes, CPU time: the sandbox saw the kernel kill
 * or refuse a part of it, whatever it printed) ends the evaluation as {@link EvaluationResult.Failed}; a stage that
 * misses its threshold ends it as {@link EvaluationResult.Gated}. Nothing here throws for a bad evaluator.
 */
public final class StagedEvaluator {

    /** Told about each stage as it finishes, so that its result is stored before the next one starts. */
    public interface Listener {
        void stageFinished(StageRun run);
    }

    /** How many times a stage whose job the backend lost is run again. */
    static final int LOST_JOB_RETRIES = 2;

    private final Function<Backend, Sandbox> backends;

    /** Runs every stage in {@code sandbox}, whatever backend it names. */
    public StagedEvaluator(Sandbox sandbox) {
        this(backend -> sandbox);
    }

    /** Runs each stage in the sandbox of the backend it names ({@code local}, {@code slurm}). */
    public StagedEvaluator(Function<Backend, Sandbox> backends) {
        this.backends = backends;
    }

    public EvaluationResult evaluate(EvaluationJob job, Listener listener) {
        List<StageRun> runs = new ArrayList<>();
        StageRun last = null;
        for (int i = 0; i < job.stages().size(); i++) {
            Stage stage = job.stages().get(i);
            StageRun run = runStage(job, i, stage);
            runs.add(run);
            listener.stageFinished(run);
            last = run;
            if (!(run.outcome() instanceof StageOutcome.Scored scored)) {
                return new EvaluationResult.Failed(stage.name(), run.outcome().describe(), runs);
            }
            if (!run.passed()) {
                return new EvaluationResult.Gated(
                        stage.name(), scored.score(), stage.threshold().getAsDouble(), runs);
            }
        }
        if (last == null) {
            throw new IllegalArgumentException("an evaluation needs at least one stage");
        }
        StageOutcome.Scored scored = (StageOutcome.Scored) last.outcome();
        return new EvaluationResult.Scored(scored.score(), scored.feedback(), runs);
    }

    StageRun runStage(EvaluationJob job, int index, Stage stage) {
        String file = String.format(
                "a%d-%s%d-%s",
                job.attempt(), job.task().map(t -> "t" + safe(t) + "-").orElse(""), index + 1, safe(stage.name()));
        Path metrics = job.workDir().resolve("metrics").resolve(file + ".json");
        Path stdout = job.logDir().resolve(file + ".out");
        Path stderr = job.logDir().resolve(file + ".err");
        try {
            Files.createDirectories(metrics.getParent());
            Files.deleteIfExists(metrics);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + metrics.getParent(), e);
        }
        Map<String, String> env = new HashMap<>(job.env());
        env.put(EvaluatorProtocol.METRICS_ENV, metrics.toString());
        env.put("CLADE_STAGE", stage.name());
        env.put("CLADE_CAMPAIGN", job.campaign());
        env.put("CLADE_NODE", Long.toString(job.node()));
        env.put("CLADE_ATTEMPT", Integer.toString(job.attempt()));
        job.task().ifPresent(t -> env.put("CLADE_TASK", t));
        if (PythonStages.runs(stage.command())) {
            env.put(PythonStages.ENV, PythonRunner.source());
        }
        SandboxRequest request = SandboxRequest.of(List.of("/bin/sh", "-c", stage.command()), job.checkout())
                .withEnvironment(env)
                .withTimeout(stage.timeout())
                .withOutputLimitBytes(job.outputLimitBytes())
                .withLogs(stdout, stderr)
                .withIsolation(isolation(stage, job, metrics.getParent()))
                .withResources(resources(stage.execution().resources()));
        SandboxResult result = runRetryingLostJobs(stage, request);
        StageOutcome outcome = outcome(result, metrics);
        List<String> tampered = job.confinement().pinned().modified(job.checkout());
        if (!tampered.isEmpty()) {
            outcome = new StageOutcome.Failed("stage '" + stage.name() + "' modified files pinned to the campaign's"
                    + " base commit (the evaluator's own files): " + tampered + "; its result is void");
        }
        boolean passed = outcome instanceof StageOutcome.Scored s && stage.passes(s.score(), job.direction());
        OptionalInt exit = result.termination() instanceof Termination.Exited e
                ? OptionalInt.of(e.exitCode())
                : OptionalInt.empty();
        return new StageRun(
                index,
                stage,
                outcome,
                passed,
                exit,
                result.elapsed(),
                stdout,
                stderr,
                result.stdout().totalBytes(),
                result.stderr().totalBytes(),
                result.stdout().truncated() || result.stderr().truncated());
    }

    /**
     * Runs the stage, and again (at most {@value #LOST_JOB_RETRIES} more times) when the job backend lost the job: a
     * node failure or a preemption says nothing about the candidate. The earlier tries' logs are kept beside.
     */
    private SandboxResult runRetryingLostJobs(Stage stage, SandboxRequest request) {
        Sandbox sandbox = backends.apply(stage.execution().backend());
        SandboxResult result = Stopwatch.time(Part.STAGES, () -> sandbox.run(request));
        for (int retry = 1; retry <= LOST_JOB_RETRIES && result.termination() instanceof Termination.Lost; retry++) {
            keepAside(request.stdoutLog(), retry);
            keepAside(request.stderrLog(), retry);
            result = Stopwatch.time(Part.STAGES, () -> sandbox.run(request));
        }
        return result;
    }

    private static void keepAside(Path log, int retry) {
        try {
            if (Files.exists(log)) {
                Files.move(
                        log,
                        log.resolveSibling(log.getFileName() + ".lost" + retry),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the log of a lost job: " + log, e);
        }
    }

    private static Isolation isolation(Stage stage, EvaluationJob job, Path metricsDir) {
        return Isolation.defaults()
                .withNetwork(stage.execution().network())
                .withWritable(List.of(metricsDir))
                .withHidden(job.confinement().hidden())
                .withStrict(job.confinement().strict());
    }

    private static Resources resources(CampaignSpec.ResourceSpec r) {
        return new Resources(
                r.gpus(),
                r.cpus(),
                r.memoryBytes(),
                r.cpuTime()
                        .map(d -> OptionalLong.of(Math.max(1, d.toSeconds())))
                        .orElse(OptionalLong.empty()),
                r.processes());
    }

    private static StageOutcome outcome(SandboxResult result, Path metrics) {
        if (!result.breaches().isEmpty()) {
            return new StageOutcome.Failed(breached(result.breaches(), result.termination()));
        }
        return switch (result.termination()) {
            case Termination.TimedOut t -> new StageOutcome.TimedOut(t.describe());
            case Termination.Lost l -> new StageOutcome.Failed(l.describe());
            case Termination.Refused r -> new StageOutcome.Failed(r.describe());
            case Termination.Exited e -> exited(e, result, metrics);
        };
    }

    private static StageOutcome exited(Termination.Exited e, SandboxResult result, Path metrics) {
        if (e.exitCode() == 0) {
            return EvaluatorProtocol.read(metrics, result.stdout().lastLine());
        }
        String lastError = result.stderr()
                .lastLine()
                .map(l -> "; last stderr line: " + clip(l))
                .orElse("");
        return new StageOutcome.Failed(e.describe() + lastError);
    }

    /**
     * Why a stage that breached a limit failed: the breaches, as the sandbox saw them, and how the command ended. What it
     * printed or wrote to {@code $CLADE_METRICS} after the kernel killed a part of it does not score a whole run.
     */
    static String breached(List<Breach> breaches, Termination termination) {
        boolean output = breaches.stream().anyMatch(b -> b.limit() == dev.clade.sandbox.Limit.OUTPUT);
        return breaches.stream().map(Breach::describe).collect(Collectors.joining("; "))
                + "; the stage's result is void, whatever it printed (it " + termination.describe() + ")"
                + (output ? "; raise evaluator.outputLimit if the stage must print that much" : "");
    }

    private static String clip(String line) {
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
