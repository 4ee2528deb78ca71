package dev.clade.orchestrator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clade.orchestrator.campaign.Backend;
import dev.clade.orchestrator.campaign.CampaignSpec.Execution;
import dev.clade.orchestrator.campaign.CampaignSpec.ResourceSpec;
import dev.clade.orchestrator.campaign.CampaignSpec.Stage;
import dev.clade.orchestrator.strategy.Direction;
import dev.clade.sandbox.Breach;
import dev.clade.sandbox.BubblewrapSandbox;
import dev.clade.sandbox.EnvironmentPolicy;
import dev.clade.sandbox.Feature;
import dev.clade.sandbox.ProcessSandbox;
import dev.clade.sandbox.Sandbox;
import dev.clade.sandbox.SandboxRequest;
import dev.clade.sandbox.SandboxResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage during which the sandbox saw a limit breach fails naming the limit, whatever it printed or wrote to
 * {@code $CLADE_METRICS}: with real processes in {@link BubblewrapSandbox} and its per-run cgroup, and with the breaches
 * of every kind laid over real runs.
 */
@Timeout(60)
class StagedEvaluatorLimitsTest {

    private static final long MEMORY = 64L << 20;

    @TempDir
    Path dir;

    private Path checkout;
    private final List<StageRun> stored = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        checkout = Files.createDirectories(dir.resolve("src"));
    }

    @Test
    void should_fail_a_stage_whose_child_the_kernel_killed_at_the_memory_limit_though_it_printed_a_score() {
        // given: tail holds a 512 MiB line in memory and is OOM-killed; the shell goes on to report a score
        BubblewrapSandbox sandbox = sandboxWithMemoryCgroup();
        String bomb =
                "head -c 512M /dev/zero | tail; echo '{\"score\": 1}' > \"$CLADE_METRICS\"; echo '{\"score\": 1}'";
        Stage first = limited("smoke", bomb, OptionalDouble.of(0.5));
        Stage second = limited("full", "echo '{\"score\": 9}'", OptionalDouble.empty());

        // when
        EvaluationResult result = evaluate(new StagedEvaluator(sandbox), first, second);

        // then
        assertThat(result).isInstanceOf(EvaluationResult.Failed.class);
        EvaluationResult.Failed failed = (EvaluationResult.Failed) result;
        assertThat(failed.stage()).isEqualTo("smoke");
        assertThat(failed.reason()).contains("memory limit of 64 MiB").contains("the kernel killed");
        assertThat(stored).hasSize(1);
        assertThat(stored.getFirst().outcome()).isInstanceOf(StageOutcome.Failed.class);
        assertThat(stored.getFirst().passed()).isFalse();
    }

    @Test
    void should_fail_a_stage_whose_forks_were_refused_though_it_wrote_a_score_to_the_metrics_file() throws IOException {
        // given: a sandbox that saw the kernel refuse forks; the stage itself exits 0 with a score that passes its gate
        Sandbox sandbox = seeing(new Breach.ForksRefused(64, 3));
        Stage first = limited("smoke", "echo '{\"score\": 1}' > \"$CLADE_METRICS\"", OptionalDouble.of(0.5));
        Stage second = limited("full", "echo '{\"score\": 9}'", OptionalDouble.empty());

        // when
        EvaluationResult result = evaluate(new StagedEvaluator(sandbox), first, second);

        // then
        assertThat(result)
                .isEqualTo(new EvaluationResult.Failed(
                        "smoke",
                        "the process limit of 64 was reached; the kernel refused 3 forks; the stage's result is void,"
                                + " whatever it printed (it exited with code 0)",
                        stored));
        assertThat(stored).singleElement().satisfies(run -> {
            assertThat(run.outcome()).isInstanceOf(StageOutcome.Failed.class);
            assertThat(run.passed()).isFalse();
            assertThat(run.exitCode()).hasValue(0);
        });
    }

    @Test
    void should_name_every_limit_a_stage_breached() {
        // given
        Sandbox sandbox = seeing(new Breach.Memory(1L << 30, 1), new Breach.CpuTime(10));

        // when
        EvaluationResult result =
                evaluate(new StagedEvaluator(sandbox), limited("full", "exit 3", OptionalDouble.empty()));

        // then
        assertThat(((EvaluationResult.Failed) result).reason())
                .isEqualTo("the memory limit of 1 GiB was reached; the kernel killed 1 process out of memory; the"
                        + " CPU-time limit of 10s per process was reached (SIGXCPU); the stage's result is void,"
                        + " whatever it printed (it exited with code 3)");
    }

    @Test
    void should_fail_a_stage_whose_output_ran_past_the_output_limit_whatever_it_printed() {
        // given: a stage that printed more than the limit allows, and a score at the end
        Sandbox sandbox = seeing(new Breach.Output("stdout", 1024 * 1024, 50_000_000));

        // when
        EvaluationResult result = evaluate(
                new StagedEvaluator(sandbox), limited("full", "echo '{\"score\": 3}'", OptionalDouble.empty()));

        // then
        assertThat(result)
                .isInstanceOfSatisfying(
                        EvaluationResult.Failed.class,
                        f -> assertThat(f.reason())
                                .contains("stdout ran past the output limit of 1 MiB")
                                .contains("raise evaluator.outputLimit"));
    }

    /** A real {@link ProcessSandbox} whose results also carry these breaches, as if it had seen them. */
    private static Sandbox seeing(Breach... breaches) {
        Sandbox real = new ProcessSandbox();
        return new Sandbox() {
            @Override
            public SandboxResult run(SandboxRequest request) {
                SandboxResult result = real.run(request);
                return new SandboxResult(
                        result.termination(),
                        result.elapsed(),
                        result.stdout(),
                        result.stderr(),
                        List.of(breaches),
                        List.of());
            }

            @Override
            public String isolation() {
                return real.isolation();
            }
        };
    }

    private static Stage limited(String name, String command, OptionalDouble threshold) {
        ResourceSpec resources = new ResourceSpec(
                0, OptionalInt.empty(), OptionalLong.of(MEMORY), Optional.empty(), OptionalInt.empty());
        return new Stage(
                name,
                command,
                Duration.ofSeconds(30),
                threshold,
                false,
                new Execution(Backend.LOCAL, false, resources));
    }

    private EvaluationResult evaluate(StagedEvaluator evaluator, Stage... stages) {
        EvaluationJob job = new EvaluationJob(
                "c",
                1,
                Optional.empty(),
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

    /**
     * A bubblewrap sandbox whose runs get a memory cgroup; where there is none, the test is skipped saying so, and in CI
     * ({@code CI=true}) it fails instead.
     */
    private static BubblewrapSandbox sandboxWithMemoryCgroup() {
        BubblewrapSandbox sandbox = new BubblewrapSandbox(EnvironmentPolicy.defaults(), Duration.ofMillis(500));
        Feature memory = sandbox.features().stream()
                .filter(feature -> feature.name().equals(Feature.MEMORY))
                .findFirst()
                .orElseThrow();
        boolean usable = sandbox.isolates() && memory.detail().startsWith("cgroup");
        String why = "it needs bubblewrap and a per-run memory cgroup, and here "
                + (sandbox.isolates() ? memory.describe() : "bubblewrap does not work");
        if (!usable && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI (CI=true) must give the sandbox bubblewrap and a memory cgroup: " + why);
        }
        assumeTrue(usable, () -> "SKIPPED: " + why + "; install bubblewrap (apt-get install -y bubblewrap) to run it");
        return sandbox;
    }
}
