package dev.clade.sandbox.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.clade.sandbox.EnvironmentPolicy;
import dev.clade.sandbox.ProcessSandbox;
import dev.clade.sandbox.Resources;
import dev.clade.sandbox.SandboxException;
import dev.clade.sandbox.SandboxRequest;
import dev.clade.sandbox.SandboxResult;
import dev.clade.sandbox.Termination;
import dev.clade.sandbox.job.GpuInventory.Gpu;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The leasing logic with real processes (ProcessSandbox) and a made-up inventory, so no GPU is needed. */
@Timeout(60)
class GpuLeasingSandboxTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopRuns() throws IOException {
        // a test that failed half-way may leave gated runs waiting
        Files.writeString(dir.resolve("open"), "");
        pool.close();
    }

    @Test
    void should_never_give_one_gpu_to_two_runs_at_once() throws Exception {
        // given: each run takes a lock folder per GPU it was given, and fails if another run holds it
        GpuLeasingSandbox sandbox = sandboxWith(3);
        Files.createDirectories(dir.resolve("locks"));
        String script = """
                for g in $(echo "$CUDA_VISIBLE_DEVICES" | tr , ' '); do
                  mkdir "locks/gpu-$g" || { echo "GPU $g is shared" >&2; exit 1; }
                done
                echo "$CUDA_VISIBLE_DEVICES"
                sleep 0.2
                for g in $(echo "$CUDA_VISIBLE_DEVICES" | tr , ' '); do rmdir "locks/gpu-$g"; done
                """;

        // when: nine runs asking for one or two GPUs at once
        List<Future<SandboxResult>> runs = IntStream.range(0, 9)
                .mapToObj(i -> submit(sandbox, request(script, "run-" + i).withResources(gpus(1 + i % 2))))
                .toList();

        // then
        for (int i = 0; i < runs.size(); i++) {
            SandboxResult result = runs.get(i).get();
            assertThat(result.termination())
                    .as("run %d: %s", i, result.stderr().tail())
                    .isEqualTo(exited(0));
            String[] leased = result.stdout().lastLine().orElseThrow().split(",");
            assertThat(leased).hasSize(1 + i % 2).doesNotHaveDuplicates().allMatch(g -> g.matches("[0-2]"));
        }
        assertThat(sandbox.available()).isEqualTo(3);
    }

    @Test
    void should_queue_a_run_while_all_gpus_are_busy_and_start_it_when_one_is_freed() throws Exception {
        // given: the only GPU is held by a run that waits for a file
        GpuLeasingSandbox sandbox = sandboxWith(1);
        Future<SandboxResult> holder = submit(sandbox, gated("holder"));
        awaitFile("holder.started");

        // when
        Future<SandboxResult> queued = submit(sandbox, request("echo \"[$CUDA_VISIBLE_DEVICES]\"", "queued"));

        // then: it waits, and runs once the holder is done
        await().atMost(WAIT).until(() -> sandbox.waiting() == 1);
        assertThat(queued).isNotDone();
        open("holder");
        assertThat(holder.get().succeeded()).isTrue();
        assertThat(queued.get().stdout().lastLine()).contains("[0]");
        assertThat(sandbox.waiting()).isZero();
    }

    @Test
    void should_serve_waiting_runs_first_come_first_served() throws Exception {
        // given: one of two GPUs is held; a run for two GPUs waits first, then a run for one
        GpuLeasingSandbox sandbox = sandboxWith(2);
        Future<SandboxResult> holder = submit(sandbox, gated("holder").withResources(gpus(1)));
        awaitFile("holder.started");
        Future<SandboxResult> big = submit(sandbox, order("big").withResources(gpus(2)));
        await().atMost(WAIT).until(() -> sandbox.waiting() == 1);
        Future<SandboxResult> small = submit(sandbox, order("small").withResources(gpus(1)));
        await().atMost(WAIT).until(() -> sandbox.waiting() == 2);

        // then: the small run does not overtake the big one, although a GPU is free
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> !small.isDone());
        open("holder");
        assertThat(holder.get().succeeded()).isTrue();
        assertThat(big.get().stdout().lastLine()).contains("big 0,1");
        assertThat(small.get().stdout().lastLine().orElseThrow()).matches("small [01]");
        assertThat(Files.readAllLines(dir.resolve("order"))).containsExactly("big", "small");
    }

    @Test
    void should_time_out_a_run_holding_a_gpu_and_pass_the_gpu_on() throws Exception {
        // given
        GpuLeasingSandbox sandbox = sandboxWith(1);
        Duration timeout = Duration.ofSeconds(1);
        Future<SandboxResult> stuck = submit(
                sandbox, request("touch stuck.started; sleep 30", "stuck").withTimeout(timeout));
        awaitFile("stuck.started");

        // when
        Future<SandboxResult> next = submit(sandbox, request("echo \"[$CUDA_VISIBLE_DEVICES]\"", "next"));

        // then
        assertThat(stuck.get().termination()).isEqualTo(new Termination.TimedOut(timeout));
        assertThat(next.get().stdout().lastLine()).contains("[0]");
        assertThat(sandbox.available()).isEqualTo(1);
    }

    @Test
    void should_refuse_more_gpus_than_the_host_has_at_once() throws IOException {
        // given
        SandboxRequest greedy = request("touch ran", "greedy").withResources(gpus(3));

        // when
        SandboxResult onTwo = sandboxWith(2).run(greedy);
        SandboxResult onNone = sandboxWith(0).run(greedy.withResources(gpus(1)));

        // then
        assertThat(onTwo.termination())
                .isEqualTo(new Termination.Refused(
                        "asks for 3 GPUs; this host has 2 GPUs (0: Fake GPU 0, 1: Fake GPU 1)"));
        assertThat(onNone.termination().describe()).isEqualTo("refused to run: asks for 1 GPUs; this host has no GPU");
        assertThat(dir.resolve("ran")).doesNotExist();
        assertThat(Files.readString(onTwo.stdout().log())).isEmpty();
        assertThat(onTwo.stderr().log()).exists();
    }

    @Test
    void should_hide_every_gpu_from_a_run_that_asks_for_none_without_waiting() throws Exception {
        // given: both GPUs are busy, and the request tries to pick GPUs itself
        GpuLeasingSandbox sandbox = sandboxWith(2);
        Future<SandboxResult> holder = submit(sandbox, gated("holder").withResources(gpus(2)));
        awaitFile("holder.started");
        SandboxRequest sneaky = request("echo \"[$CUDA_VISIBLE_DEVICES]\"", "sneaky")
                .withEnvironment(Map.of("CUDA_VISIBLE_DEVICES", "0,1"))
                .withResources(Resources.none());

        // when
        SandboxResult result = sandbox.run(sneaky);

        // then
        assertThat(result.stdout().lastLine()).contains("[]");
        open("holder");
        assertThat(holder.get().succeeded()).isTrue();
    }

    @Test
    void should_give_gpus_back_when_the_wrapped_sandbox_throws() {
        // given
        GpuLeasingSandbox sandbox = sandboxWith(1);
        SandboxRequest nowhere =
                SandboxRequest.of(List.of("true"), dir.resolve("missing")).withResources(gpus(1));

        // when
        assertThatThrownBy(() -> sandbox.run(nowhere)).isInstanceOf(SandboxException.class);

        // then
        assertThat(sandbox.available()).isEqualTo(1);
        assertThat(sandbox.run(request("echo \"[$CUDA_VISIBLE_DEVICES]\"", "after"))
                        .stdout()
                        .lastLine())
                .contains("[0]");
    }

    @Test
    void should_leave_the_line_when_interrupted_while_waiting() throws Exception {
        // given: a run waits for the only GPU
        GpuLeasingSandbox sandbox = sandboxWith(1);
        Future<SandboxResult> holder = submit(sandbox, gated("holder"));
        awaitFile("holder.started");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flagKept = new AtomicReference<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                sandbox.run(request("touch waiter.ran", "waiter"));
            } catch (RuntimeException e) {
                thrown.set(e);
                flagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        await().atMost(WAIT).until(() -> sandbox.waiting() == 1);

        // when
        waiter.interrupt();
        waiter.join(WAIT);

        // then
        assertThat(thrown.get()).isInstanceOf(SandboxException.class).hasMessageContaining("interrupted");
        assertThat(flagKept.get()).isTrue();
        assertThat(sandbox.waiting()).isZero();
        open("holder");
        assertThat(holder.get().succeeded()).isTrue();
        assertThat(dir.resolve("waiter.ran")).doesNotExist();
        assertThat(sandbox.available()).isEqualTo(1);
    }

    @Test
    void should_say_it_leases_gpus_on_top_of_the_wrapped_isolation() {
        assertThat(sandboxWith(1).isolation())
                .startsWith(new ProcessSandbox().isolation())
                .contains("CUDA_VISIBLE_DEVICES", "1 GPU (0: Fake GPU 0)");
    }

    private GpuLeasingSandbox sandboxWith(int gpus) {
        List<Gpu> fake = IntStream.range(0, gpus)
                .mapToObj(i -> new Gpu(i, "GPU-fake-" + i, "Fake GPU " + i))
                .toList();
        return new GpuLeasingSandbox(
                new ProcessSandbox(EnvironmentPolicy.defaults(), Duration.ofMillis(200)), new GpuInventory(fake));
    }

    /** A run asking for one GPU. */
    private SandboxRequest request(String script, String name) {
        return SandboxRequest.of(List.of("/bin/sh", "-c", script), dir)
                .withTimeout(Duration.ofSeconds(30))
                .withLogs(dir.resolve(name + ".out"), dir.resolve(name + ".err"))
                .withResources(gpus(1));
    }

    /** A run that says it started, then waits until the test opens its gate (or the test ends). */
    private SandboxRequest gated(String name) {
        return request(
                "touch " + name + ".started; until [ -e " + name + ".open ] || [ -e open ]; do sleep 0.05; done", name);
    }

    /** A run that writes its name to a shared file, to see in which order runs started. */
    private SandboxRequest order(String name) {
        return request("echo " + name + " >> order; echo \"" + name + " $CUDA_VISIBLE_DEVICES\"", name);
    }

    private void open(String name) throws IOException {
        Files.writeString(dir.resolve(name + ".open"), "");
    }

    private void awaitFile(String name) {
        await().atMost(WAIT).until(() -> Files.exists(dir.resolve(name)));
    }

    private Future<SandboxResult> submit(GpuLeasingSandbox sandbox, SandboxRequest request) {
        return pool.submit(() -> sandbox.run(request));
    }

    private static Resources gpus(int count) {
        return new Resources(
                count, OptionalInt.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalInt.empty());
    }

    private static Termination exited(int code) {
        return new Termination.Exited(code);
    }
}
