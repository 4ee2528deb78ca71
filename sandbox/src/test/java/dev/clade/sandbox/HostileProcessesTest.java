package dev.clade.sandbox;

import static dev.clade.sandbox.Processes.IN_NAMESPACE;
import static dev.clade.sandbox.Processes.isRunning;
import static dev.clade.sandbox.Processes.readPid;
import static dev.clade.sandbox.Processes.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Evaluators that attack the machine through processes, each run for real in {@link BubblewrapSandbox}. */
@ExtendWith(RequiresBubblewrap.class)
@Timeout(60)
class HostileProcessesTest {

    private final BubblewrapSandbox sandbox =
            new BubblewrapSandbox(EnvironmentPolicy.defaults(), Duration.ofMillis(500));

    @TempDir
    Path dir;

    private SandboxRequest aRequest(String script) {
        return SandboxRequest.of(sh(script), dir).withTimeout(Duration.ofSeconds(20));
    }

    @AfterEach
    void sandbox_still_works() {
        SandboxResult next = sandbox.run(aRequest("echo next run"));
        assertThat(next.succeeded()).isTrue();
        assertThat(next.stdout().lastLine()).contains("next run");
    }

    @Test
    void should_stop_a_fork_bomb_at_the_process_limit() {
        // given: a classic, unbounded fork bomb; only safe where the kernel enforces the limit
        requireKernelProcessLimit();
        String bomb = "bomb() { bomb | bomb & }; bomb; sleep 3; echo the main shell survived";

        // when
        SandboxResult result =
                sandbox.run(aRequest(bomb).withResources(Resources.none().withProcesses(64)));

        // then
        System.out.printf(
                "fork bomb: %s after %s; %s%n",
                result.termination().describe(),
                result.elapsed(),
                result.stderr().lastLine());
        assertThat(result.termination()).isInstanceOf(Termination.Exited.class);
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(10));
        assertThat(result.stderr().tail()).containsPattern("Cannot fork|process limit of 64 was reached");
    }

    @Test
    void should_refuse_forks_past_the_process_limit() throws IOException {
        // given: forks until refused, at most 300 times
        Files.writeString(dir.resolve("forker.py"), """
                import os, time
                forked = 0
                try:
                    for _ in range(300):
                        if os.fork() == 0:
                            time.sleep(5)
                            os._exit(0)
                        forked += 1
                except OSError as e:
                    print("refused:", e.strerror)
                print("forked", forked)
                """);

        // when
        SandboxResult result = sandbox.run(
                aRequest("python3 forker.py").withResources(Resources.none().withProcesses(32)));

        // then
        System.out.printf("forking loop: %s%n", result.stdout().tail().strip().replace('\n', ' '));
        assertThat(result.stdout().tail()).contains("refused: Resource temporarily unavailable");
        int forked = Integer.parseInt(result.stdout().lastLine().orElseThrow().split(" ")[1]);
        assertThat(forked).isBetween(20, 32);
    }

    @Test
    void should_stop_a_memory_bomb() {
        // given: grabs 64 MiB at a time, up to 4 GiB
        String bomb = "python3 -c 'blocks = [b\"x\" * (64 << 20) for _ in range(64)]; print(\"allocated 4 GiB\")'";

        // when
        SandboxResult result =
                sandbox.run(aRequest(bomb).withResources(Resources.none().withMemoryBytes(128L << 20)));

        // then
        System.out.printf(
                "memory bomb: %s; %s%n",
                result.termination().describe(), result.stderr().lastLine());
        assertThat(result.succeeded()).isFalse();
        assertThat(result.stdout().tail()).doesNotContain("allocated");
        assertThat(result.stderr().tail()).containsPattern("MemoryError|memory limit of 128 MiB was reached");
    }

    @Test
    void should_report_the_kernels_oom_kill_of_a_memory_bomb_child_though_the_parent_prints_a_score() {
        // given: the child grabs 16 MiB at a time, up to 1 GiB; the parent reports a score whatever happened
        requireCgroup(Cgroups.MEMORY);
        String bomb = "python3 -c 'blocks = [b\"x\" * (16 << 20) for _ in range(64)]; print(\"allocated\")';"
                + " echo '{\"score\": 1}'";

        // when
        SandboxResult result =
                sandbox.run(aRequest(bomb).withResources(Resources.none().withMemoryBytes(64L << 20)));

        // then
        assertThat(result.succeeded()).isTrue();
        assertThat(result.stdout().tail()).doesNotContain("allocated").contains("{\"score\": 1}");
        assertThat(result.breaches()).hasSize(1).first().isInstanceOf(Breach.Memory.class);
        Breach.Memory memory = (Breach.Memory) result.breaches().getFirst();
        assertThat(memory.limitBytes()).isEqualTo(64L << 20);
        assertThat(memory.describe()).startsWith("the memory limit of 64 MiB was reached; the kernel killed 1 process");
        assertThat(result.unobserved()).extracting(Unobserved::limit).doesNotContain(Limit.MEMORY);
    }

    @Test
    void should_report_the_forks_the_kernel_refused_a_fork_bomb_at_pids_max() {
        // given
        requireCgroup(Cgroups.PIDS);
        String bomb = "bomb() { bomb | bomb & }; bomb; sleep 2; echo '{\"score\": 1}'";

        // when
        SandboxResult result =
                sandbox.run(aRequest(bomb).withResources(Resources.none().withProcesses(64)));

        // then
        assertThat(result.breaches())
                .filteredOn(breach -> breach instanceof Breach.ForksRefused)
                .singleElement()
                .satisfies(breach ->
                        assertThat(((Breach.ForksRefused) breach).refused()).isPositive())
                .satisfies(breach -> assertThat(breach.describe()).startsWith("the process limit of 64 was reached"));
        assertThat(result.unobserved()).extracting(Unobserved::limit).doesNotContain(Limit.PROCESSES);
    }

    @Test
    void should_time_out_endless_output_with_a_capped_log() throws IOException {
        // when
        SandboxResult result = sandbox.run(
                aRequest("yes endless").withTimeout(Duration.ofSeconds(2)).withOutputLimitBytes(64 * 1024));

        // then
        assertThat(result.termination()).isEqualTo(new Termination.TimedOut(Duration.ofSeconds(2)));
        assertThat(result.stdout().truncated()).isTrue();
        assertThat(result.stdout().totalBytes()).isGreaterThan(1024 * 1024);
        assertThat(Files.size(result.stdout().log())).isLessThan(64 * 1024 + StreamCapture.TAIL_BYTES + 1024);
    }

    @Test
    void should_kill_a_command_that_ignores_sigterm() {
        // when
        SandboxResult result = sandbox.run(
                aRequest("trap '' TERM INT HUP; while :; do sleep 1; done").withTimeout(Duration.ofSeconds(1)));

        // then: SIGKILL after the 500 ms grace
        assertThat(result.termination()).isEqualTo(new Termination.TimedOut(Duration.ofSeconds(1)));
        assertThat(result.termination().describe()).isEqualTo("timed out after 1s; process group killed");
    }

    @Test
    void should_not_let_a_double_forked_process_outlive_the_run() throws Exception {
        // given: leaves the session and the process group, ignores SIGTERM and SIGHUP
        String escape = "trap '' TERM HUP; echo $$ " + IN_NAMESPACE + " > escaped.pid; while :; do sleep 1; done";
        String script = "setsid -f sh -c \"" + escape + "\"; sleep 2; exit 0";

        // when
        CompletableFuture<SandboxResult> running = CompletableFuture.supplyAsync(() -> sandbox.run(aRequest(script)));
        long escapee = readPid(dir.resolve("escaped.pid"));
        boolean ranMeanwhile = isRunning(escapee);
        SandboxResult result = running.get(30, TimeUnit.SECONDS);

        // then
        assertThat(ranMeanwhile)
                .as("escapee %d seen running on the host", escapee)
                .isTrue();
        assertThat(result.succeeded()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !isRunning(escapee));
    }

    /** Skips the test, saying why, where runs get no cgroup of that controller; fails instead in CI. */
    private static void requireCgroup(String controller) {
        Cgroups cgroups = Cgroups.host();
        boolean present = cgroups.has(controller);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(
                    "CI (CI=true) must give runs a " + controller + " cgroup: " + cgroups.describe(controller));
        }
        Assumptions.assumeTrue(
                present,
                () -> "SKIPPED: the kernel counts breaches only in a per-run " + controller + " cgroup, and here "
                        + cgroups.describe(controller));
    }

    private void requireKernelProcessLimit() {
        Feature processes = sandbox.features().stream()
                .filter(feature -> feature.name().equals(Feature.PROCESSES))
                .findFirst()
                .orElseThrow();
        boolean kernel = !processes.detail().startsWith("only watched");
        if (!kernel && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI (CI=true) must enforce the process limit in the kernel: " + processes);
        }
        Assumptions.assumeTrue(
                kernel,
                () -> "SKIPPED: a real fork bomb needs a kernel process limit, and here " + processes.describe());
    }
}
