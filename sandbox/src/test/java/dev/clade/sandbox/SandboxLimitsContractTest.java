package dev.clade.sandbox;

import static dev.clade.sandbox.Processes.sh;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link Resources} limits every local {@link Sandbox} applies, with real processes kept small enough for a shared
 * machine; subclassed by each implementation. Each run that hits a limit ends non-zero with a log that says which, and
 * the sandbox runs the next command as usual.
 */
@Timeout(60)
abstract class SandboxLimitsContractTest {

    @TempDir
    Path dir;

    abstract Sandbox sandbox();

    SandboxRequest aRequest(String script, Resources resources) {
        return SandboxRequest.of(sh(script), dir)
                .withTimeout(Duration.ofSeconds(30))
                .withResources(resources);
    }

    @Test
    void should_stop_a_command_that_starts_more_processes_than_allowed() {
        // given: at most 200 sleeps, so that even a failed limit cannot hurt the machine
        String script = "i=0; while [ $i -lt 200 ]; do sleep 30 & i=$((i+1)); done; wait";

        // when
        SandboxResult result = sandbox().run(aRequest(script, Resources.none().withProcesses(20)));

        // then
        assertThat(result.succeeded()).isFalse();
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(15));
        assertThat(result.stderr().tail()).contains("process limit of 20");
        assertStillWorks();
    }

    @Test
    void should_stop_a_command_that_allocates_past_its_memory_limit() {
        // given: tail keeps a line without end, 2 GiB long, in memory
        String script = "head -c 2G /dev/zero | tail; echo tail ended >&2";

        // when
        SandboxResult result = sandbox().run(aRequest(script, Resources.none().withMemoryBytes(256L << 20)));

        // then: a failed allocation (RLIMIT_AS) or the kernel's OOM kill (cgroup), said in the log
        assertThat(result.stderr().tail()).containsPattern("memory exhausted|memory limit of 256 MiB was reached");
        assertThat(result.stderr().tail()).contains("tail ended");
        assertStillWorks();
    }

    @Test
    void should_kill_a_command_past_its_cpu_time() {
        // when
        SandboxResult result =
                sandbox().run(aRequest("while :; do :; done", Resources.none().withCpuSeconds(1)));

        // then
        assertThat(result.termination()).isEqualTo(new Termination.Exited(128 + 24));
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(10));
        assertThat(result.stderr().lastLine())
                .contains("[clade: the CPU-time limit of 1s per process was reached (SIGXCPU)]");
        assertStillWorks();
    }

    private void assertStillWorks() {
        SandboxResult next = sandbox().run(SandboxRequest.of(sh("echo still working"), dir));
        assertThat(next.succeeded()).isTrue();
        assertThat(next.stdout().lastLine()).contains("still working");
    }
}
