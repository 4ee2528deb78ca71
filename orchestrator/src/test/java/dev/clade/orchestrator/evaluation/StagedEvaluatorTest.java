package dev.clade.orchestrator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.orchestrator.campaign.CampaignSpec.Stage;
import dev.clade.orchestrator.strategy.Direction;
import dev.clade.sandbox.ProcessSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluator cascade with real processes in the real sandbox, including each way an evaluator can go wrong. */
class StagedEvaluatorTest {

    @TempDir
    Path dir;

    private Path checkout;
    private final List<StageRun> stored = new ArrayList<>();
    private final StagedEvaluator evaluator = new StagedEvaluator(new ProcessSandbox());

    @BeforeEach
    void setUp() throws IOException {
        checkout = Files.createDirectories(dir.resolve("src"));
    }

    @Test
    void should_score_from_the_last_stdout_line() {
        EvaluationResult result = evaluate(stage("full", "echo noise; echo '{\"score\": 2.5, \"feedback\": \"ok\"}'"));

        assertThat(result).isEqualTo(new EvaluationResult.Scored(2.5, "ok", stored));
        assertThat(stored).hasSize(1);
    }

    @Test
    void should_prefer_the_metrics_file_over_stdout() {
        EvaluationResult result = evaluate(stage(
                "full", "echo '{\"score\": 7, \"metrics\": {\"a\": 1}}' > \"$CLADE_METRICS\"; echo '{\"score\": 1}'"));

        assertThat(((EvaluationResult.Scored) result).score()).isEqualTo(7);
        assertThat(((StageOutcome.Scored) stored.getFirst().outcome()).metricsJson())
                .isEqualTo("{\"a\":1}");
    }

    @Test
    void should_stop_the_cascade_at_a_missed_threshold() {
        Stage smoke =
                new Stage("smoke", "echo '{\"score\": 0.2}'", Duration.ofSeconds(10), OptionalDouble.of(0.5), false);

        EvaluationResult result = evaluate(smoke, stage("full", "echo '{\"score\": 9}'"));

        assertThat(result).isInstanceOf(EvaluationResult.Gated.class);
        assertThat(((EvaluationResult.Gated) result).reason()).contains("smoke").contains("0.5");
        assertThat(stored).hasSize(1);
    }

    @Test
    void should_fail_a_stage_that_exits_non_zero_and_keep_its_logs() throws IOException {
        EvaluationResult result = evaluate(stage("full", "echo partial; echo 'ZeroDivisionError: x' >&2; exit 4"));

        assertThat(result).isInstanceOf(EvaluationResult.Failed.class);
        assertThat(((EvaluationResult.Failed) result).reason())
                .contains("exited with code 4")
                .contains("ZeroDivisionError");
        assertThat(stored.getFirst().stdoutLog()).content().contains("partial");
    }

    @Test
    void should_fail_an_evaluator_without_a_score() {
        EvaluationResult result = evaluate(stage("full", "echo 'all good, trust me'"));

        assertThat(((EvaluationResult.Failed) result).reason())
                .contains("no score")
                .contains("all good, trust me");
    }

    @Test
    void should_fail_a_score_that_is_not_finite() {
        EvaluationResult result = evaluate(stage("full", "echo '{\"score\": NaN}'"));

        assertThat(((EvaluationResult.Failed) result).reason()).contains("not finite");
    }

    @Test
    void should_time_out_a_hanging_stage_with_a_stubborn_grandchild() throws IOException {
        Stage hanging = new Stage(
                "full",
                "sh -c 'trap \"\" TERM; echo $$ > gc.pid; while :; do sleep 1; done' & wait",
                Duration.ofSeconds(1),
                OptionalDouble.empty(),
                false);

        EvaluationResult result = evaluate(hanging);

        assertThat(result).isInstanceOf(EvaluationResult.Failed.class);
        assertThat(stored.getFirst().outcome()).isInstanceOf(StageOutcome.TimedOut.class);
        long grandchild =
                Long.parseLong(Files.readString(checkout.resolve("gc.pid")).trim());
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(grandchild)
                        .map(p -> !p.isAlive() || zombie(grandchild))
                        .orElse(true));
    }

    @Test
    void should_cap_a_flood_of_output_and_fail_the_stage_for_its_output_limit() throws IOException {
        EvaluationResult result = evaluate(stage("full", "yes flood | head -c 50000000; echo; echo '{\"score\": 3}'"));

        // A limit breached voids the stage whatever it printed (the trust model); until the output limit counted as
        // one, a flood still scored from its last line.
        assertThat(result)
                .isInstanceOfSatisfying(
                        EvaluationResult.Failed.class,
                        f -> assertThat(f.reason()).contains("ran past the output limit"));
        StageRun run = stored.getFirst();
        assertThat(run.truncated()).isTrue();
        assertThat(run.stdoutBytes()).isGreaterThan(50_000_000L);
        assertThat(Files.size(run.stdoutLog())).isLessThan(2L * 1024 * 1024);
    }

    @Test
    void should_run_a_stage_again_when_the_backend_lost_its_job() {
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        dev.clade.sandbox.Sandbox real = new ProcessSandbox();
        dev.clade.sandbox.Sandbox losesOnce = new dev.clade.sandbox.Sandbox() {
            @Override
            public dev.clade.sandbox.SandboxResult run(dev.clade.sandbox.SandboxRequest request) {
                dev.clade.sandbox.SandboxResult result = real.run(request);
                return runs.incrementAndGet() == 1
                        ? new dev.clade.sandbox.SandboxResult(
                                new dev.clade.sandbox.Termination.Lost("node went away"),
                                result.elapsed(),
                                result.stdout(),
                                result.stderr())
                        : result;
            }

            @Override
            public String isolation() {
                return real.isolation();
            }
        };
        StagedEvaluator retrying = new StagedEvaluator(losesOnce);
        EvaluationJob job = new EvaluationJob(
                "c",
                1,
                java.util.Optional.empty(),
                1,
                checkout,
                dir,
                dir.resolve("logs"),
                List.of(stage("full", "echo '{\"score\": 4}'")),
                Direction.MAXIMIZE,
                1024 * 1024,
                Map.of(),
                Confinement.none());

        EvaluationResult result = retrying.evaluate(job, stored::add);

        assertThat(result).isInstanceOf(EvaluationResult.Scored.class);
        assertThat(runs).hasValue(2);
        assertThat(stored.getFirst()
                        .stdoutLog()
                        .resolveSibling(stored.getFirst().stdoutLog().getFileName() + ".lost1"))
                .exists();
    }

    private static boolean zombie(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/stat"))
                    .split("\\) ")[1]
                    .startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    private static Stage stage(String name, String command) {
        return new Stage(name, command, Duration.ofSeconds(30), OptionalDouble.empty(), false);
    }

    private EvaluationResult evaluate(Stage... stages) {
        EvaluationJob job = new EvaluationJob(
                "c",
                1,
                java.util.Optional.empty(),
                1,
                checkout,
                dir,
                dir.resolve("logs"),
                List.of(stages),
                Direction.MAXIMIZE,
                1024 * 1024,
                Map.of(),
                Confinement.none());
        return evaluator.evaluate(job, stored::add);
    }
}
