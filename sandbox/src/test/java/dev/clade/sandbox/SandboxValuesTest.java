package dev.clade.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxValuesTest {

    private final Path dir = Path.of("work");

    @Test
    void should_default_a_request_and_copy_its_collections() {
        // given
        List<String> command = new ArrayList<>(List.of("make", "test"));

        // when
        SandboxRequest request = SandboxRequest.of(command, dir);
        command.add("extra");

        // then
        assertThat(request.command()).containsExactly("make", "test");
        assertThat(request.timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(request.outputLimitBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(request.stdoutLog()).isEqualTo(dir.resolve("stdout.log"));
        assertThat(request.stderrLog()).isEqualTo(dir.resolve("stderr.log"));
        assertThat(request.environment()).isEmpty();
    }

    @Test
    void should_reject_invalid_requests() {
        SandboxRequest valid = SandboxRequest.of(List.of("true"), dir);

        assertThatThrownBy(() -> SandboxRequest.of(List.of(), dir)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> valid.withTimeout(Duration.ZERO)).hasMessageContaining("timeout");
        assertThatThrownBy(() -> valid.withOutputLimitBytes(0)).hasMessageContaining("outputLimitBytes");
        assertThatThrownBy(() -> valid.withEnvironment(Map.of("A=B", "x"))).hasMessageContaining("A=B");
        assertThatThrownBy(() -> valid.withEnvironment(Map.of("SECRET", "a\0b")))
                .hasMessageContaining("SECRET")
                .hasMessageNotContaining("a\0b");
        assertThatThrownBy(() -> valid.withLogs(dir.resolve("same.log"), dir.resolve("same.log")))
                .hasMessageContaining("must differ");
    }

    @Test
    void should_set_limits_and_reject_those_that_are_not_positive() {
        // when
        Resources resources =
                Resources.none().withProcesses(64).withMemoryBytes(256L << 20).withCpuSeconds(10);

        // then
        assertThat(resources.processes()).hasValue(64);
        assertThat(resources.memoryBytes()).hasValue(256L << 20);
        assertThat(resources.cpuSeconds()).hasValue(10);
        assertThat(Limits.of(Resources.none()).processes()).isEqualTo(Resources.DEFAULT_PROCESSES);
        assertThatThrownBy(() -> Resources.none().withProcesses(0)).hasMessageContaining("processes");
        assertThatThrownBy(() -> Resources.none().withMemoryBytes(-1)).hasMessageContaining("memoryBytes");
    }

    @Test
    void should_pass_limits_to_prlimit() {
        Limits limits = Limits.of(Resources.none().withMemoryBytes(1024).withCpuSeconds(5));

        assertThat(limits.prlimit(Path.of("prlimit"), true, true))
                .containsExactly("prlimit", "--core=0", "--cpu=5:6", "--as=1024", "--nproc=512", "--");
        assertThat(limits.prlimit(Path.of("prlimit"), false, false))
                .containsExactly("prlimit", "--core=0", "--cpu=5:6", "--");
    }

    @Test
    void should_describe_terminations() {
        assertThat(new Termination.Exited(0).describe()).isEqualTo("exited with code 0");
        assertThat(new Termination.Exited(143).describe()).isEqualTo("exited with code 143 (signal 15)");
        assertThat(new Termination.TimedOut(Duration.ofSeconds(30)).describe())
                .isEqualTo("timed out after 30s; process group killed");
        assertThat(new Termination.TimedOut(Duration.ofMinutes(90)).describe()).startsWith("timed out after 1h30m;");
    }

    @Test
    void should_describe_breaches_naming_their_limit() {
        assertThat(new Breach.Memory(1L << 30, 1).describe())
                .isEqualTo("the memory limit of 1 GiB was reached; the kernel killed 1 process out of memory");
        assertThat(new Breach.Memory(100_000_000, 2).describe())
                .isEqualTo(
                        "the memory limit of 100000000 bytes was reached; the kernel killed 2 processes out of memory");
        assertThat(new Breach.ForksRefused(64, 1).describe())
                .isEqualTo("the process limit of 64 was reached; the kernel refused 1 fork");
        assertThat(new Breach.ProcessesKilled(20, 115).describe())
                .isEqualTo("115 processes were running, over the process limit of 20; all of them were killed");
        assertThat(new Breach.CpuTime(1).describe())
                .isEqualTo("the CPU-time limit of 1s per process was reached (SIGXCPU)");
        assertThat(new Breach.Output("stderr", 8L << 20, 9_000_000).describe())
                .isEqualTo("stderr ran past the output limit of 8 MiB (9000000 bytes written); its log keeps the head"
                        + " and the end");
        assertThatThrownBy(() -> new Breach.Memory(1L << 30, 0)).hasMessageContaining("killed");
    }

    @Test
    void should_void_a_run_for_every_breach_but_output() {
        assertThat(List.<Breach>of(
                        new Breach.Memory(1024, 1),
                        new Breach.ForksRefused(1, 1),
                        new Breach.ProcessesKilled(1, 2),
                        new Breach.CpuTime(1)))
                .allMatch(Breach::stoppedWork);
        assertThat(new Breach.Output("stdout", 1024, 2048).stoppedWork()).isFalse();
    }

    @Test
    void should_say_which_limits_a_result_could_not_have_seen_breached() {
        // given
        Limits limits = Limits.of(Resources.none().withMemoryBytes(1024).withCpuSeconds(5));

        // then: a cgroup counts memory and processes; RLIMIT_CPU shows only the main process's death
        assertThat(limits.unobserved(true, true, true, false))
                .extracting(Unobserved::limit)
                .containsExactly(Limit.CPU_TIME);
        assertThat(limits.unobserved(true, false, false, true))
                .extracting(Unobserved::describe)
                .containsExactly(
                        "memory limit: a breach may go unseen: RLIMIT_AS refuses an allocation past it, and nothing"
                                + " counts that; a memory cgroup would",
                        "process limit: a breach may go unseen: RLIMIT_NPROC refuses a fork past it, and nothing"
                                + " counts that; a pids cgroup would",
                        "CPU-time limit: a breach may go unseen: RLIMIT_CPU is seen only when it kills the main"
                                + " process; a child's SIGXCPU is not");
        assertThat(limits.unobserved(false, false, false, false))
                .extracting(Unobserved::why)
                .contains("not applied: util-linux prlimit not found")
                .contains("only counted every 100 ms: processes that start and end between two counts are not seen");
        assertThat(new SandboxResult(new Termination.Exited(0), Duration.ZERO, summary(""), summary("")).breaches())
                .isEmpty();
    }

    @Test
    void should_succeed_only_on_exit_code_zero() {
        StreamSummary empty = new StreamSummary(dir.resolve("log"), 0, false, "");

        assertThat(new SandboxResult(new Termination.Exited(0), Duration.ZERO, empty, empty).succeeded())
                .isTrue();
        assertThat(new SandboxResult(new Termination.Exited(1), Duration.ZERO, empty, empty).succeeded())
                .isFalse();
        assertThat(new SandboxResult(new Termination.TimedOut(Duration.ZERO), Duration.ZERO, empty, empty).succeeded())
                .isFalse();
    }

    @Test
    void should_find_the_last_line_that_is_not_blank() {
        assertThat(summary("a\n{\"score\": 1}\n\n").lastLine()).contains("{\"score\": 1}");
        assertThat(summary("no newline").lastLine()).contains("no newline");
        assertThat(summary("x\r\ny\r\n").lastLine()).contains("y");
        assertThat(summary("\n \n").lastLine()).isEmpty();
    }

    private StreamSummary summary(String tail) {
        return new StreamSummary(dir.resolve("log"), tail.length(), false, tail);
    }
}
