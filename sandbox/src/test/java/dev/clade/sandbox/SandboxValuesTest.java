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
