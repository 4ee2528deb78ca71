package dev.clade.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.orchestrator.testing.Cli;
import dev.clade.orchestrator.testing.Served;
import dev.clade.orchestrator.testing.Targets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several packaged {@code clade} processes on one home, as a user runs them side by side: they share one embedded
 * PostgreSQL, which the first starts and the last stops.
 */
class HomeSharingIT {

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatIsLeft() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void should_start_one_server_when_commands_start_together_on_a_fresh_home_and_stop_it_after_the_last()
            throws Exception {
        Path home = dir.resolve("home");
        List<Process> together = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path out = dir.resolve("status-" + i + ".out");
            outputs.add(out);
            together.add(
                    start(Cli.builder(home, "status").redirectErrorStream(true).redirectOutput(out.toFile())));
        }

        for (int i = 0; i < together.size(); i++) {
            assertThat(together.get(i).waitFor(3, TimeUnit.MINUTES)).isTrue();
            String output = Files.readString(outputs.get(i), StandardCharsets.UTF_8);
            assertThat(together.get(i).exitValue()).as(output).isZero();
            assertThat(output).contains("No campaigns yet");
        }
        assertThat(home.resolve("postgres").resolve("postmaster.pid"))
                .as("the last process stops the server")
                .doesNotExist();
    }

    @Test
    void should_keep_a_serving_process_working_while_other_processes_on_its_home_come_and_go() throws Exception {
        // The home lies inside the target folder, so the target's snapshot import walks over the home's files.
        Path project = Targets.quadratic(dir.resolve("project"), "0");
        Path home = project.resolve("clade-home");
        Served first = serve(home);
        Path spec = dir.resolve("shared.yaml");
        Files.writeString(spec, Targets.spec("shared", project, 2, 1));
        assertThat(first.post("/api/v1/campaigns", Files.readString(spec)).statusCode())
                .isEqualTo(201);
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .until(() -> first.get("/api/v1/campaigns/shared").body().contains("\"completed\""));

        Cli.Outcome status = Cli.run(home, 2, "status");

        assertThat(status.status()).as(status.output()).isZero();
        assertThat(status.output()).containsPattern("shared\\s+completed\\s+2/2");
        assertThat(first.get("/api/v1/campaigns").statusCode())
                .as("the server's API after a clade status on its home")
                .isEqualTo(200);

        Served second = serve(home);
        first.process().destroy(); // SIGTERM: the first process stops, the second still uses the server
        assertThat(first.process().waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(second.get("/api/v1/campaigns/shared").statusCode())
                .as(
                        "the second server's API once the process that started the database has stopped:\n%s",
                        first.output())
                .isEqualTo(200);

        second.process().destroy();
        assertThat(second.process().waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(home.resolve("postgres").resolve("postmaster.pid"))
                .as("the last process stops the server; its output:\n%s", second.output())
                .doesNotExist();
    }

    private Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /** {@code clade serve} on a free port, once its API answers. */
    private Served serve(Path home) throws IOException {
        Served served = Served.start(home, dir, Map.of());
        started.add(served.process());
        return served;
    }
}
