package dev.clade.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RequiresBubblewrap.class)
class BubblewrapSandboxTest extends SandboxContractTest {

    private static final Duration GRACE = Duration.ofMillis(500);

    @Override
    Sandbox sandbox() {
        return new BubblewrapSandbox(EnvironmentPolicy.defaults(), GRACE);
    }

    @Test
    void should_say_it_isolates_with_bubblewrap_and_how_it_limits() {
        // when
        BubblewrapSandbox sandbox = new BubblewrapSandbox(EnvironmentPolicy.defaults(), GRACE);

        // then
        assertThat(sandbox.isolates()).isTrue();
        assertThat(sandbox.isolation())
                .startsWith("bubblewrap; own session")
                .contains("filesystem isolation: bubblewrap ", "network isolation: own network namespace")
                .contains("process limit: ", "memory limit: ", "CPU-time limit: RLIMIT_CPU per process");
        assertThat(sandbox.features())
                .filteredOn(feature -> List.of(Feature.FILESYSTEM, Feature.NETWORK, Feature.PROCESSES)
                        .contains(feature.name()))
                .hasSize(3)
                .allMatch(Feature::available);
    }

    @Test
    void should_run_a_strict_request_when_this_host_has_every_feature_it_needs() {
        // given
        BubblewrapSandbox sandbox = new BubblewrapSandbox(EnvironmentPolicy.defaults(), GRACE);
        SandboxRequest strict =
                aRequest("echo isolated").withIsolation(Isolation.defaults().withStrict(true));

        // when
        SandboxResult result = sandbox.run(strict);

        // then
        assertThat(result.succeeded()).isTrue();
        assertThat(result.stdout().lastLine()).contains("isolated");
    }

    @Test
    void should_run_commands_in_their_own_pid_namespace() {
        // when
        SandboxResult result = sandbox().run(aRequest("ls /proc | grep -c '^[0-9]'"));

        // then: bwrap's init, the shell, ls and grep; none of the host's processes
        assertThat(result.succeeded()).isTrue();
        assertThat(Integer.parseInt(result.stdout().lastLine().orElseThrow())).isLessThan(8);
    }

    @Test
    void should_give_the_command_its_grace_period_on_sigterm_before_the_kill() {
        // given: bwrap's own death would kill the command at once, so it is spared the SIGTERM
        String script = "trap 'echo cleaning up; exit 3' TERM; sleep 1000 & wait";

        // when
        SandboxResult result = sandbox().run(aRequest(script).withTimeout(Duration.ofSeconds(1)));

        // then
        assertThat(result.termination()).isEqualTo(new Termination.TimedOut(Duration.ofSeconds(1)));
        assertThat(result.stdout().lastLine()).contains("cleaning up");
    }

    @Test
    void should_report_a_program_that_cannot_be_executed_as_exit_127() {
        // when
        SandboxResult result = sandbox().run(SandboxRequest.of(List.of("no-such-program-for-clade-tests"), dir));

        // then
        assertThat(result.termination()).isEqualTo(new Termination.Exited(127));
    }
}
