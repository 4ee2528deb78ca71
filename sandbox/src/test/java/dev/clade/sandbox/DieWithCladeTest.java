package dev.clade.sandbox;

import static dev.clade.sandbox.Processes.IN_NAMESPACE;
import static dev.clade.sandbox.Processes.isRunning;
import static dev.clade.sandbox.Processes.killQuietly;
import static dev.clade.sandbox.Processes.readPid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A run in {@link BubblewrapSandbox} does not outlive Clade, even when Clade's JVM is killed with SIGKILL. */
@ExtendWith(RequiresBubblewrap.class)
@Timeout(60)
class DieWithCladeTest {

    @TempDir
    Path dir;

    @Test
    void should_kill_every_process_of_a_run_when_clade_is_killed() throws Exception {
        // given: a JVM like Clade's, running a command that double-forks a process that ignores SIGTERM and SIGHUP
        String escapee = "trap '' TERM HUP; echo $$ " + IN_NAMESPACE + " > escaped.pid; exec sleep 1000";
        String command = "setsid -f sh -c \"" + escapee + "\"; echo $$ " + IN_NAMESPACE + " > main.pid; sleep 1000";
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process clade = new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        SandboxMain.class.getName(),
                        dir.toString(),
                        command))
                .redirectOutput(dir.resolve("clade.out").toFile())
                .redirectErrorStream(true)
                .start();
        long main = -1;
        long escaped = -1;
        List<ProcessHandle> tree = List.of();
        try {
            main = readPid(dir.resolve("main.pid"), Duration.ofSeconds(30));
            escaped = readPid(dir.resolve("escaped.pid"), Duration.ofSeconds(5));
            assertThat(isRunning(main)).as("the main process runs").isTrue();
            assertThat(isRunning(escaped)).as("the double-forked process runs").isTrue();

            // when
            tree = clade.descendants().toList(); // to clean up after a failure, once they are orphans
            clade.destroyForcibly(); // SIGKILL: no shutdown hook runs

            // then
            long mainPid = main;
            long escapedPid = escaped;
            await().atMost(Duration.ofSeconds(10)).until(() -> !isRunning(mainPid) && !isRunning(escapedPid));
        } finally {
            clade.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
            killQuietly(main);
            killQuietly(escaped);
            clade.waitFor(10, TimeUnit.SECONDS);
            Cgroups.discover(); // removes the cgroup that the killed JVM left behind
        }
    }
}
