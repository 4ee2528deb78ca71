package dev.clade.sandbox;

import static dev.clade.sandbox.Processes.IN_NAMESPACE;
import static dev.clade.sandbox.Processes.isRunning;
import static dev.clade.sandbox.Processes.readPid;
import static dev.clade.sandbox.Processes.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link Sandbox} must do, with real processes; subclassed by each implementation. */
abstract class SandboxContractTest {

    @TempDir
    Path dir;

    abstract Sandbox sandbox();

    SandboxRequest aRequest(String script) {
        return SandboxRequest.of(sh(script), dir).withTimeout(Duration.ofSeconds(30));
    }

    @Test
    void should_report_exit_code_and_success() {
        // when
        SandboxResult failed = sandbox().run(aRequest("echo failing >&2; exit 3"));
        SandboxResult passed = sandbox().run(aRequest("true"));

        // then
        assertThat(failed.termination()).isEqualTo(new Termination.Exited(3));
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.termination().describe()).isEqualTo("exited with code 3");
        assertThat(failed.stderr().tail()).isEqualTo("failing\n");
        assertThat(passed.succeeded()).isTrue();
    }

    @Test
    void should_report_command_not_found_as_exit_127() {
        // when
        SandboxResult result = sandbox().run(aRequest("no-such-command-for-clade-tests"));

        // then
        assertThat(result.termination()).isEqualTo(new Termination.Exited(127));
        assertThat(result.stderr().tail()).contains("not found");
    }

    @Test
    void should_report_death_by_signal_as_128_plus_signal() {
        // when
        SandboxResult result = sandbox().run(aRequest("kill -9 $$"));

        // then
        assertThat(result.termination()).isEqualTo(new Termination.Exited(137));
        assertThat(result.termination().describe()).contains("signal 9");
    }

    @Test
    void should_give_the_command_an_empty_stdin() {
        // when
        SandboxResult result = sandbox().run(aRequest("cat; echo after-eof").withTimeout(Duration.ofSeconds(5)));

        // then
        assertThat(result.succeeded()).isTrue();
        assertThat(result.stdout().lastLine()).contains("after-eof");
    }

    @Test
    void should_write_logs_creating_parent_directories() throws IOException {
        // given
        Path stdoutLog = dir.resolve("logs/run-1/stdout.log");
        Path stderrLog = dir.resolve("logs/run-1/stderr.log");

        // when
        SandboxResult result =
                sandbox().run(aRequest("echo out; echo err >&2; pwd").withLogs(stdoutLog, stderrLog));

        // then
        String expected = "out\n" + dir.toRealPath() + "\n";
        assertThat(Files.readString(stdoutLog)).isEqualTo(expected);
        assertThat(Files.readString(stderrLog)).isEqualTo("err\n");
        assertThat(result.stdout()).isEqualTo(new StreamSummary(stdoutLog, expected.length(), false, expected));
    }

    @Test
    void should_kill_grandchild_that_ignores_sigterm() throws Exception {
        // given
        String script =
                "sh -c 'trap \"\" TERM; while :; do sleep 1; done' & echo $! " + IN_NAMESPACE + " > gc.pid; wait";
        Duration timeout = Duration.ofSeconds(2);

        // when
        CompletableFuture<SandboxResult> running = CompletableFuture.supplyAsync(
                () -> sandbox().run(aRequest(script).withTimeout(timeout)));
        long grandchild = readPid(dir.resolve("gc.pid"));
        boolean ranMeanwhile = isRunning(grandchild);
        SandboxResult result = running.get(30, TimeUnit.SECONDS);

        // then
        assertThat(ranMeanwhile)
                .as("grandchild %d seen running on the host", grandchild)
                .isTrue();
        assertThat(result.termination()).isEqualTo(new Termination.TimedOut(timeout));
        assertThat(result.termination().describe()).startsWith("timed out after 2s");
        await().atMost(Duration.ofSeconds(5)).until(() -> !isRunning(grandchild));
    }

    @Test
    void should_kill_background_leftovers_when_command_exits() {
        // given
        String script = "sleep 1000 & echo $! " + IN_NAMESPACE + " > sleep.pid; exit 0";
        long started = System.nanoTime();

        // when
        SandboxResult result = sandbox().run(aRequest(script));

        // then
        assertThat(result.termination()).isEqualTo(new Termination.Exited(0));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        long sleep = readPid(dir.resolve("sleep.pid"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !isRunning(sleep));
    }

    @Test
    @Timeout(60)
    void should_cap_a_flood_of_output_and_keep_its_last_line() throws IOException {
        // given
        long limit = 1024 * 1024;
        String script = "yes 0123456789 | head -c 300000000; echo; echo '{\"score\": 1}'";
        long total = 300_000_000L + 1 + 13;

        // when
        SandboxResult result = sandbox().run(aRequest(script).withOutputLimitBytes(limit));

        // then
        StreamSummary stdout = result.stdout();
        assertThat(result.succeeded()).isTrue();
        assertThat(stdout.totalBytes()).isEqualTo(total);
        assertThat(stdout.truncated()).isTrue();
        assertThat(stdout.lastLine()).contains("{\"score\": 1}");
        assertThat(Files.size(stdout.log())).isLessThan(limit * 12 / 10);
        String logEnd = tailOf(stdout.log(), 200);
        assertThat(logEnd).endsWith("\n012\n{\"score\": 1}\n");
        assertThat(Files.readString(stdout.log(), StandardCharsets.ISO_8859_1))
                .contains("\n[clade: " + (total - limit - StreamCapture.TAIL_BYTES) + " bytes omitted]\n");
    }

    @Test
    void should_report_no_breach_for_a_run_within_its_limits() {
        // when
        SandboxResult result = sandbox().run(aRequest("echo '{\"score\": 1}'"));

        // then
        assertThat(result.succeeded()).isTrue();
        assertThat(result.breaches()).isEmpty();
    }

    @Test
    void should_report_a_flood_past_the_output_limit_as_a_breach_that_stopped_nothing() {
        // given
        String script = "yes 0123456789 | head -c 5000000; echo; echo '{\"score\": 1}'";

        // when
        SandboxResult result = sandbox().run(aRequest(script).withOutputLimitBytes(64 * 1024));

        // then
        Breach.Output flood = new Breach.Output("stdout", 64 * 1024, 5_000_000 + 1 + 13);
        assertThat(result.breaches()).containsExactly(flood);
        assertThat(flood.stoppedWork()).isFalse();
        assertThat(flood.describe())
                .isEqualTo("stdout ran past the output limit of 64 KiB (5000014 bytes written); its log keeps the"
                        + " head and the end");
        assertThat(result.succeeded()).isTrue();
        assertThat(result.stdout().lastLine()).contains("{\"score\": 1}");
    }

    @Test
    void should_fail_naming_a_missing_working_directory() {
        // given
        Path missing = dir.resolve("not-there");

        // when / then
        assertThatThrownBy(() -> sandbox().run(SandboxRequest.of(sh("true"), missing)))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void should_fail_when_a_log_cannot_be_written() throws IOException {
        // given
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        Path log = notADirectory.resolve("stdout.log");

        // when / then
        assertThatThrownBy(() -> sandbox().run(aRequest("true").withLogs(log, dir.resolve("stderr.log"))))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining(log.toString());
    }

    @Test
    void should_run_many_commands_at_once_independently() throws Exception {
        // given
        List<SandboxRequest> requests = IntStream.range(0, 8)
                .mapToObj(i -> SandboxRequest.of(sh("sleep 0.2; echo run-" + i + "; exit " + i), dir)
                        .withLogs(dir.resolve(i + "/out.log"), dir.resolve(i + "/err.log")))
                .toList();

        // when
        Sandbox sandbox = sandbox();
        List<SandboxResult> results;
        try (ExecutorService pool = Executors.newFixedThreadPool(requests.size())) {
            List<Future<SandboxResult>> futures = requests.stream()
                    .map(request -> pool.submit(() -> sandbox.run(request)))
                    .toList();
            results = futures.stream().map(SandboxContractTest::join).toList();
        }

        // then
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).termination()).isEqualTo(new Termination.Exited(i));
            assertThat(results.get(i).stdout().lastLine()).contains("run-" + i);
            assertThat(Files.readString(dir.resolve(i + "/out.log"))).isEqualTo("run-" + i + "\n");
        }
    }

    private static SandboxResult join(Future<SandboxResult> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String tailOf(Path file, int bytes) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return new String(all, Math.max(0, all.length - bytes), Math.min(bytes, all.length), StandardCharsets.UTF_8);
    }
}
