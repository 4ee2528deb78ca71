package dev.clade.sandbox.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clade.sandbox.Resources;
import dev.clade.sandbox.SandboxException;
import dev.clade.sandbox.SandboxRequest;
import dev.clade.sandbox.SandboxResult;
import dev.clade.sandbox.StreamSummary;
import dev.clade.sandbox.Termination;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real jobs on a real Slurm cluster ({@code .ci/slurm-up.sh} starts a one-node one). Skipped with a message when
 * there is none, except with {@code CI=true}.
 */
@Timeout(120)
class SlurmSandboxTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @TempDir
    Path spool;

    @BeforeEach
    void requireCluster() {
        SlurmCluster.requireIdleNode();
    }

    @Test
    void should_run_a_job_in_its_working_directory_and_read_its_exit_code_and_logs() throws IOException {
        // given
        Path stdoutLog = dir.resolve("logs/run-1/stdout.log");
        Path stderrLog = dir.resolve("logs/run-1/stderr.log");

        // when
        SandboxResult failed =
                sandbox().run(request("echo out; pwd; echo failing >&2; exit 3").withLogs(stdoutLog, stderrLog));
        SandboxResult passed = sandbox().run(request("echo '{\"score\": 1}'"));

        // then
        String expected = "out\n" + dir.toRealPath() + "\n";
        assertThat(failed.termination()).isEqualTo(new Termination.Exited(3));
        assertThat(failed.stdout()).isEqualTo(new StreamSummary(stdoutLog, expected.length(), false, expected));
        assertThat(failed.stderr().tail()).isEqualTo("failing\n");
        assertThat(Files.readString(stdoutLog)).isEqualTo(expected);
        assertThat(Files.readString(stderrLog)).isEqualTo("failing\n");
        assertThat(passed.succeeded()).isTrue();
        assertThat(passed.stdout().lastLine()).contains("{\"score\": 1}");
        assertThat(spool).isEmptyDirectory();
    }

    @Test
    void should_report_death_by_signal_and_a_missing_command_as_a_shell_does() {
        // when
        SandboxResult killed = sandbox().run(request("kill -9 $$"));
        SandboxResult missing = sandbox().run(request("no-such-command-for-clade-tests"));

        // then
        assertThat(killed.termination()).isEqualTo(new Termination.Exited(137));
        assertThat(missing.termination()).isEqualTo(new Termination.Exited(127));
        assertThat(missing.stderr().tail()).contains("not found");
    }

    @Test
    void should_give_the_job_only_the_request_variables_and_a_minimal_host_environment() {
        // given: secrets in the environment sbatch itself runs with
        Map<String, String> host = new HashMap<>(System.getenv());
        host.put("OPENAI_API_KEY", "sk-not-for-evaluators");
        host.put("SOME_HOST_SETTING", "host-only");
        SlurmSandbox sandbox = new SlurmSandbox(settings(), SlurmSandbox.MINIMAL_ENVIRONMENT, host);

        // when
        SandboxResult result =
                sandbox.run(SandboxRequest.of(List.of("env"), dir).withEnvironment(Map.of("CLADE_NODE", "n-42")));

        // then
        assertThat(result.succeeded()).isTrue();
        List<String> names = result.stdout()
                .tail()
                .lines()
                .map(line -> line.split("=", 2)[0])
                .toList();
        assertThat(names)
                .contains("PATH", "CLADE_NODE", "SLURM_JOB_ID", "CUDA_VISIBLE_DEVICES")
                .allMatch(name -> List.of("PATH", "HOME", "LANG", "TMPDIR", "CLADE_NODE", "CUDA_VISIBLE_DEVICES")
                                .contains(name)
                        || name.startsWith("SLURM"));
        assertThat(result.stdout().tail())
                .contains("CLADE_NODE=n-42")
                .doesNotContain("not-for-evaluators", "host-only");
    }

    @Test
    void should_ask_slurm_for_the_time_memory_and_cpus_of_the_request() throws IOException {
        // given
        SandboxRequest request = request("echo $SLURM_JOB_ID > job.id")
                .withTimeout(Duration.ofSeconds(90))
                .withResources(new Resources(
                        0,
                        OptionalInt.of(1),
                        OptionalLong.of(100L * 1024 * 1024),
                        OptionalLong.empty(),
                        OptionalInt.empty()));

        // when
        SandboxResult result = sandbox().run(request);

        // then: 90 s is 2 minutes, plus 1 of margin
        assertThat(result.succeeded()).isTrue();
        assertThat(SlurmCluster.show(jobId()))
                .contains("JobName=clade", "TimeLimit=00:03:00", "MinMemoryNode=100M", "CPUs/Task=1", "Requeue=0");
    }

    @Test
    void should_cancel_a_job_at_its_timeout() throws IOException {
        // given
        Duration timeout = Duration.ofSeconds(2);
        long started = System.nanoTime();

        // when
        SandboxResult result = sandbox().run(request(startedThenSleep()).withTimeout(timeout));

        // then: the job is out of the queue and its processes are gone when run() returns
        assertThat(result.termination()).isEqualTo(new Termination.TimedOut(timeout));
        assertThat(result.stdout().lastLine()).contains("started");
        assertThat(SlurmCluster.listed(jobId())).isFalse();
        assertThat(ProcessHandle.of(jobPid()).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(45));
    }

    @Test
    void should_cancel_the_job_when_the_calling_thread_is_interrupted() throws Exception {
        // given
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flagKept = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                sandbox().run(request(startedThenSleep()));
            } catch (RuntimeException e) {
                thrown.set(e);
                flagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        String jobId = jobId();
        await().atMost(WAIT).until(() -> Files.exists(dir.resolve("job.pid")));

        // when
        caller.interrupt();
        caller.join(WAIT);

        // then
        assertThat(thrown.get())
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("interrupted")
                .hasMessageContaining("cancelled");
        assertThat(flagKept.get()).isTrue();
        assertThat(SlurmCluster.listed(jobId)).isFalse();
        assertThat(SlurmCluster.show(jobId)).contains("JobState=CANCELLED");
    }

    @Test
    void should_report_a_job_cancelled_from_outside_as_lost() throws Exception {
        // given: someone else cancels the job (as an administrator would), which Clade did not ask for
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<SandboxResult> run = pool.submit(() -> sandbox().run(request(startedThenSleep())));
            await().atMost(WAIT).until(() -> Files.exists(dir.resolve("job.pid")));

            // when
            SlurmCluster.cancel(jobId());

            // then
            Termination termination = run.get().termination();
            assertThat(termination).isInstanceOf(Termination.Lost.class);
            assertThat(termination.describe()).contains("Slurm job " + jobId(), "CANCELLED", "can be retried");
        }
    }

    @Test
    void should_report_a_job_that_slurm_does_not_know_as_lost() {
        // given: an id Slurm never gave out reads as a job it forgot (purged, or a controller that lost its state)
        SlurmJobWatch watch =
                new SlurmJobWatch(new SlurmCommands(System.getenv()), "999999999", Duration.ofSeconds(10), settings());

        // when
        Termination termination = watch.await().termination();

        // then
        assertThat(termination)
                .isEqualTo(
                        new Termination.Lost("Slurm job 999999999 disappeared from Slurm without a known end state"));
    }

    @Test
    void should_report_a_job_queued_too_long_as_lost_and_cancel_it() throws Exception {
        // given: a job of the test's own holds a CPU, so a job for all CPUs of the node must wait
        String blocker = SlurmCluster.submit("--cpus-per-task=1", "--wrap=sleep 600");
        try {
            SlurmSandbox sandbox = new SlurmSandbox(settings().withMaxQueueWait(Duration.ofSeconds(3)));
            SandboxRequest wide = request("echo $SLURM_JOB_ID > job.id")
                    .withResources(new Resources(
                            0,
                            OptionalInt.of(SlurmCluster.cpusOfNode()),
                            OptionalLong.empty(),
                            OptionalLong.empty(),
                            OptionalInt.empty()));

            // when
            SandboxResult result = sandbox.run(wide);

            // then
            assertThat(result.termination()).isInstanceOf(Termination.Lost.class);
            assertThat(result.termination().describe()).contains("still PENDING", "cancelled");
            assertThat(dir.resolve("job.id")).doesNotExist();
        } finally {
            SlurmCluster.cancel(blocker);
        }
    }

    @Test
    void should_give_each_job_the_gpus_slurm_allocated_to_it() throws Exception {
        // given: two jobs for one GPU each that wait for each other, so they hold their GPUs at the same time
        SlurmCluster.requireGpus(2);
        String script = "touch started-$SLURM_JOB_ID; n=0; until [ $(ls started-* | wc -l) -ge 2 ] || [ $n -ge 300 ];"
                + " do sleep 0.1; n=$((n+1)); done; echo \"[$CUDA_VISIBLE_DEVICES]\"";
        SlurmSandbox sandbox = sandbox();

        // when
        List<SandboxResult> results;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SandboxResult>> futures = IntStream.range(0, 2)
                    .mapToObj(i -> request(script)
                            .withLogs(dir.resolve(i + "/out.log"), dir.resolve(i + "/err.log"))
                            .withResources(gpus(1)))
                    .map(request -> pool.submit(() -> sandbox.run(request)))
                    .toList();
            results = futures.stream().map(SlurmSandboxTest::join).toList();
        }
        SandboxResult both =
                sandbox.run(request("echo \"[$CUDA_VISIBLE_DEVICES]\"").withResources(gpus(2)));
        SandboxResult none = sandbox.run(request("echo \"[$CUDA_VISIBLE_DEVICES]\""));

        // then
        assertThat(results)
                .extracting(result -> result.stdout().lastLine().orElseThrow())
                .containsExactlyInAnyOrder("[0]", "[1]");
        assertThat(both.stdout().lastLine()).contains("[0,1]");
        assertThat(none.stdout().lastLine()).contains("[]");
    }

    @Test
    void should_refuse_what_the_cluster_cannot_give() {
        // given: more GPUs and memory than the node has, and a partition that does not exist
        SandboxRequest gpu = request("touch ran").withResources(gpus(SlurmCluster.gpusOfNode() + 1));
        SandboxRequest memory = request("touch ran")
                .withResources(new Resources(
                        0, OptionalInt.empty(), OptionalLong.of(1L << 40), OptionalLong.empty(), OptionalInt.empty()));
        SlurmSandbox unknownPartition = new SlurmSandbox(settings().withPartition("no-such-partition"));

        // when
        SandboxResult noGpu = sandbox().run(gpu);
        SandboxResult noMemory = sandbox().run(memory);
        SandboxResult noPartition = unknownPartition.run(request("touch ran"));

        // then
        assertThat(List.of(noGpu, noMemory, noPartition))
                .allSatisfy(result -> assertThat(result.termination()).isInstanceOf(Termination.Refused.class));
        assertThat(noGpu.termination().describe()).contains("Slurm rejected the job");
        assertThat(noPartition.termination().describe()).containsIgnoringCase("partition");
        assertThat(dir.resolve("ran")).doesNotExist();
        assertThat(noGpu.stdout().log()).exists();
    }

    @Test
    void should_cap_a_flood_of_output_and_keep_its_last_line() throws IOException {
        // given
        long limit = 1024 * 1024;
        String script = "yes 0123456789 | head -c 3000000; echo; echo '{\"score\": 1}'";

        // when
        SandboxResult result = sandbox().run(request(script).withOutputLimitBytes(limit));

        // then
        StreamSummary stdout = result.stdout();
        assertThat(result.succeeded()).isTrue();
        assertThat(stdout.totalBytes()).isEqualTo(3_000_000L + 1 + 13);
        assertThat(stdout.truncated()).isTrue();
        assertThat(stdout.lastLine()).contains("{\"score\": 1}");
        assertThat(Files.size(stdout.log())).isLessThan(limit + 2 * CappedLog.TAIL_BYTES);
        assertThat(Files.readString(stdout.log(), StandardCharsets.ISO_8859_1)).contains("\n[clade: ");
    }

    @Test
    void should_run_several_jobs_at_once_independently() throws Exception {
        // given: more jobs than the CI node has CPUs, so some wait in Slurm's queue
        List<SandboxRequest> requests = IntStream.range(0, 4)
                .mapToObj(i -> request("echo run-" + i + "; exit " + i)
                        .withLogs(dir.resolve(i + "/out.log"), dir.resolve(i + "/err.log")))
                .toList();

        // when
        List<SandboxResult> results;
        SlurmSandbox sandbox = sandbox();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SandboxResult>> futures = requests.stream()
                    .map(request -> pool.submit(() -> sandbox.run(request)))
                    .toList();
            results = futures.stream().map(SlurmSandboxTest::join).toList();
        }

        // then
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).termination()).isEqualTo(new Termination.Exited(i));
            assertThat(results.get(i).stdout().lastLine()).contains("run-" + i);
        }
    }

    private static Resources gpus(int count) {
        return new Resources(
                count, OptionalInt.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalInt.empty());
    }

    private SlurmSandbox sandbox() {
        return new SlurmSandbox(settings());
    }

    private SlurmSettings settings() {
        return SlurmSettings.defaults()
                .withSpoolDirectory(spool)
                .withMaxPollInterval(Duration.ofMillis(500))
                .withTimeLimitMargin(Duration.ofMinutes(1));
    }

    private SandboxRequest request(String script) {
        return SandboxRequest.of(List.of("/bin/sh", "-c", script), dir)
                .withTimeout(Duration.ofSeconds(60))
                .withLogs(dir.resolve("stdout.log"), dir.resolve("stderr.log"));
    }

    /** A job that writes its id and pid, says it started, and sleeps far past any test. */
    private static String startedThenSleep() {
        return "echo $SLURM_JOB_ID > job.id.tmp; mv job.id.tmp job.id; echo $$ > job.pid; echo started; exec sleep 600";
    }

    /** The id the job wrote, once it has. */
    private String jobId() {
        await().atMost(WAIT).until(() -> Files.exists(dir.resolve("job.id")));
        try {
            return Files.readString(dir.resolve("job.id")).strip();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private long jobPid() throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("job.pid")).strip());
    }

    private static SandboxResult join(Future<SandboxResult> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
