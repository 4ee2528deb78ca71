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

    @Test
    void should_report_a_child_killed_at_the_memory_limit_though_the_parent_prints_a_score_or_say_it_cannot_see_it() {
        // given: tail, a child, holds a 512 MiB line in memory; the parent goes on to print a score
        String script = "head -c 512M /dev/zero | tail; echo '{\"score\": 1}'";

        // when
        SandboxResult result = sandbox().run(aRequest(script, Resources.none().withMemoryBytes(64L << 20)));

        // then: a cgroup counts the kernel's OOM kill; RLIMIT_AS makes tail fail, which nothing counts
        assertThat(result.succeeded()).isTrue();
        assertThat(result.stdout().lastLine()).contains("{\"score\": 1}");
        assertBreachedOrUnobserved(result, Limit.MEMORY);
        assertThat(result.breaches())
                .filteredOn(breach -> breach.limit() == Limit.MEMORY)
                .allSatisfy(breach -> assertThat(breach.describe())
                        .startsWith("the memory limit of 64 MiB was reached; the kernel killed"));
        assertStillWorks();
    }

    @Test
    void should_report_a_breach_of_the_process_limit_though_the_parent_prints_a_score_or_say_it_cannot_see_it() {
        // given: at most 200 sleeps, then a score
        String script = "i=0; while [ $i -lt 200 ]; do sleep 30 & i=$((i+1)); done 2>/dev/null; echo '{\"score\": 1}'";

        // when
        SandboxResult result = sandbox().run(aRequest(script, Resources.none().withProcesses(20)));

        // then: the kernel refused forks at the cgroup's pids.max, or the watch killed the run
        assertBreachedOrUnobserved(result, Limit.PROCESSES);
        assertThat(result.breaches())
                .filteredOn(breach -> breach.limit() == Limit.PROCESSES)
                .allMatch(Breach::stoppedWork)
                .allSatisfy(breach -> assertThat(breach.describe()).contains("process limit of 20"));
        assertStillWorks();
    }

    @Test
    void should_report_the_main_process_killed_at_its_cpu_time_and_say_that_a_child_would_go_unseen() {
        // when
        SandboxResult result =
                sandbox().run(aRequest("while :; do :; done", Resources.none().withCpuSeconds(1)));

        // then
        assertThat(result.breaches()).containsExactly(new Breach.CpuTime(1));
        assertThat(result.unobserved()).extracting(Unobserved::limit).contains(Limit.CPU_TIME);
    }

    /** The sandbox saw a breach of the limit, or says that here it could not have. */
    private static void assertBreachedOrUnobserved(SandboxResult result, Limit limit) {
        assertThat(result)
                .as("breaches %s, unobserved %s", result.breaches(), result.unobserved())
                .satisfiesAnyOf(
                        seen -> assertThat(seen.breaches()).anyMatch(breach -> breach.limit() == limit),
                        unseen -> assertThat(unseen.unobserved()).anyMatch(blind -> blind.limit() == limit));
    }

    private void assertStillWorks() {
        SandboxResult next = sandbox().run(SandboxRequest.of(sh("echo still working"), dir));
        assertThat(next.succeeded()).isTrue();
        assertThat(next.stdout().lastLine()).contains("still working");
    }
}
