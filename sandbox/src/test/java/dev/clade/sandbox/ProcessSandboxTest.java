package dev.clade.sandbox;

import static dev.clade.sandbox.Processes.isRunning;
import static dev.clade.sandbox.Processes.killQuietly;
import static dev.clade.sandbox.Processes.readPid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessSandboxTest extends SandboxContractTest {

    private static final Duration GRACE = Duration.ofMillis(500);

    @Override
    Sandbox sandbox() {
        return new ProcessSandbox(EnvironmentPolicy.defaults(), GRACE);
    }

    @Test
    void should_say_it_runs_each_command_in_its_own_group_via_setsid() {
        assertThat(sandbox().isolation()).contains("setsid").contains("no filesystem, network");
    }

    @Test
    void should_scrub_host_secrets_and_add_request_variables() {
        // given
        Map<String, String> host = Map.of(
                "PATH", System.getenv("PATH"),
                "LC_ALL", "C",
                "OPENAI_API_KEY", "sk-not-for-evaluators",
                "GITHUB_TOKEN", "ghp-not-for-evaluators",
                "AWS_SECRET_ACCESS_KEY", "aws-not-for-evaluators",
                "SOME_HOST_SETTING", "host-only");
        Sandbox sandbox = new ProcessSandbox(EnvironmentPolicy.defaults(), GRACE, host, ProcessSandbox.findSetsid());

        // when
        SandboxResult result = sandbox.run(aRequest("env").withEnvironment(Map.of("CLADE_NODE", "n-42")));

        // then
        assertThat(result.succeeded()).isTrue();
        assertThat(result.stdout().tail())
                .contains("PATH=" + System.getenv("PATH"), "LC_ALL=C", "CLADE_NODE=n-42")
                .doesNotContain("OPENAI_API_KEY", "GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "SOME_HOST_SETTING")
                .doesNotContain("not-for-evaluators");
    }

    @Test
    void should_kill_grandchild_that_left_the_group_but_was_seen() throws IOException {
        // given: a double fork; the escapee gets its own session and is orphaned after half a second
        Files.writeString(dir.resolve("escape.sh"), """
                trap '' TERM
                echo $$ > escaped.pid
                while :; do sleep 1; done
                """);
        String script = "(setsid sh escape.sh & sleep 0.5); sleep 1000";

        // when
        SandboxResult result = sandbox().run(aRequest(script).withTimeout(Duration.ofSeconds(2)));

        // then
        assertThat(result.termination()).isInstanceOf(Termination.TimedOut.class);
        long escapee = readPid(dir.resolve("escaped.pid"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !isRunning(escapee));
    }

    @Test
    void should_return_and_stop_logging_while_an_unseen_escapee_holds_the_pipe() throws IOException {
        // given: setsid -f forks at once, so the escapee is never a descendant when a snapshot is taken
        String script = "setsid -f sh -c 'echo $$ > escaped.pid; sleep 3; echo late'; echo done";
        long started = System.nanoTime();

        // when
        SandboxResult result = sandbox().run(aRequest(script));

        // then
        long escapee = readPid(dir.resolve("escaped.pid"));
        try {
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            assertThat(result.succeeded()).isTrue();
            assertThat(result.stdout().tail()).isEqualTo("done\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> !isRunning(escapee));
            assertThat(Files.readString(result.stdout().log())).isEqualTo("done\n");
        } finally {
            killQuietly(escapee);
        }
    }

    @Test
    void should_report_a_program_that_cannot_be_executed_as_exit_127() {
        // when: no shell in between, setsid itself fails to execute it
        SandboxResult result = sandbox().run(SandboxRequest.of(List.of("no-such-program-for-clade-tests"), dir));

        // then
        assertThat(result.termination()).isEqualTo(new Termination.Exited(127));
    }

    @Test
    void should_still_kill_seen_descendants_without_setsid() {
        // given
        Sandbox sandbox = new ProcessSandbox(EnvironmentPolicy.defaults(), GRACE, System.getenv(), Optional.empty());
        String script = "sh -c 'trap \"\" TERM; while :; do sleep 1; done' & echo $! > gc.pid; wait";

        // when
        SandboxResult result = sandbox.run(aRequest(script).withTimeout(Duration.ofSeconds(1)));

        // then
        assertThat(sandbox.isolation()).contains("setsid not found");
        assertThat(result.termination()).isInstanceOf(Termination.TimedOut.class);
        long grandchild = readPid(dir.resolve("gc.pid"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !isRunning(grandchild));
    }

    @Test
    void should_fail_to_start_a_missing_program_without_setsid() {
        // given
        Sandbox sandbox = new ProcessSandbox(EnvironmentPolicy.defaults(), GRACE, System.getenv(), Optional.empty());

        // when / then
        assertThatThrownBy(() -> sandbox.run(SandboxRequest.of(List.of("no-such-program-for-clade-tests"), dir)))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("no-such-program-for-clade-tests");
    }
}
