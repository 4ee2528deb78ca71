package dev.clade.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.orchestrator.testing.Cli;
import dev.clade.orchestrator.testing.Targets;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
        first.process.destroy(); // SIGTERM: the first process stops, the second still uses the server
        assertThat(first.process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(second.get("/api/v1/campaigns/shared").statusCode())
                .as(
                        "the second server's API once the process that started the database has stopped:\n%s",
                        first.output())
                .isEqualTo(200);

        second.process.destroy();
        assertThat(second.process.waitFor(1, TimeUnit.MINUTES)).isTrue();
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
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path out = Files.createTempFile(dir, "serve-", ".out");
        ProcessBuilder builder =
                Cli.builder(home, "serve").redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        // Over the API a local target must lie under the configured roots.
        builder.environment().put("CLADE_API_REPO_ROOTS", dir.toString());
        Served served = new Served(start(builder), port, home, out);
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .ignoreExceptions()
                .until(() -> served.get("/api/v1/campaigns").statusCode() == 200);
        return served;
    }

    /** A running {@code clade serve} and its API. */
    private record Served(Process process, int port, Path home, Path out) {

        String output() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String yaml) throws IOException, InterruptedException {
            return HTTP.send(
                    request(path)
                            .header("Content-Type", "application/yaml")
                            .POST(HttpRequest.BodyPublishers.ofString(yaml))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private HttpRequest.Builder request(String path) throws IOException {
            String token = Files.readString(home.resolve("api-token")).strip();
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30));
        }
    }
}
