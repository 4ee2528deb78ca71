package dev.clade.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.agents.testing.ScriptedOpenAiServer;
import dev.clade.orchestrator.testing.Cli;
import dev.clade.orchestrator.testing.Targets;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the packaged {@code clade} prints when its infrastructure fails: a few lines saying what failed and what to do,
 * with the stack trace kept in {@code $CLADE_HOME/logs/clade.log}.
 */
class InfrastructureFailureIT {

    /** A stack frame or a cause, as Java prints them. */
    private static final String TRACE_LINE = "(?m)^\\s+at \\S+\\(.*\\)$|(?m)^Caused by: ";

    @TempDir
    Path dir;

    @Test
    void should_say_in_a_few_lines_that_the_model_refused_the_key_and_keep_the_trace_in_the_log() throws Exception {
        try (ScriptedOpenAiServer model = new ScriptedOpenAiServer()) {
            model.otherwise(request -> ScriptedOpenAiServer.error(401, "Incorrect API key provided"));
            Path target = Targets.quadratic(dir.resolve("target"), "0");
            Path spec = dir.resolve("llm.yaml");
            Files.writeString(
                    spec,
                    Targets.spec("refused", target, 2, 1)
                            .replace(
                                    "proposer:\n  kind: offline\n",
                                    "proposer:\n  kind: llm\n  model: {provider: openai, name: scripted, baseUrl: \""
                                            + model.baseUrl() + "\"}\n"));
            Path home = dir.resolve("home");
            ProcessBuilder builder = Cli.builder(home, "run", spec.toString());
            builder.environment().put("OPENAI_API_KEY", "not-a-key");

            Outcome run = run(builder);

            assertThat(run.status()).as(run.stderr()).isEqualTo(1);
            assertThat(run.stderr())
                    .contains("refused the key in $OPENAI_API_KEY")
                    .contains(home.resolve("logs").resolve("clade.log").toString())
                    .doesNotContainPattern(TRACE_LINE);
            assertThat(run.stderr().lines()).as(run.stderr()).hasSizeLessThanOrEqualTo(6);
            assertThat(Files.readString(home.resolve("logs").resolve("clade.log")))
                    .contains("refused the key")
                    .containsPattern(TRACE_LINE);
        }
    }

    @Test
    void should_say_in_a_few_lines_that_the_database_cannot_be_reached_and_keep_the_trace_in_the_log()
            throws Exception {
        String url;
        try (ServerSocket socket = new ServerSocket(0)) {
            url = "jdbc:postgresql://127.0.0.1:" + socket.getLocalPort() + "/clade";
        }
        Path home = dir.resolve("home");
        ProcessBuilder builder = Cli.builder(home, "status");
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", url);

        Outcome status = run(builder);

        assertThat(status.status()).as(status.stderr()).isNotZero();
        assertThat(status.stderr())
                .contains("cannot reach the database at " + url)
                .contains("QUARKUS_DATASOURCE_JDBC_URL")
                .contains(home.resolve("logs").resolve("clade.log").toString())
                .doesNotContainPattern(TRACE_LINE);
        assertThat(status.stderr().lines()).as(status.stderr()).hasSizeLessThanOrEqualTo(4);
        assertThat(Files.readString(home.resolve("logs").resolve("clade.log")))
                .contains(url)
                .containsPattern(TRACE_LINE);
    }

    @Test
    void should_say_in_a_few_lines_that_the_embedded_database_went_down_during_a_run() throws Exception {
        Path target = Targets.quadratic(dir.resolve("target"), "1");
        Path spec = dir.resolve("down.yaml");
        Files.writeString(spec, Targets.spec("down", target, 40, 1));
        Path home = dir.resolve("home");
        Path out = dir.resolve("run.out");
        Path err = dir.resolve("run.err");
        Process run = Cli.builder(home, "run", spec.toString())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .until(() -> Files.readString(out).contains("[ 1/40]"));

        long postmaster = Long.parseLong(Files.readAllLines(home.resolve("postgres/postmaster.pid"))
                .get(0)
                .trim());
        ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroyForcibly); // the server dies under the run

        assertThat(run.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(run.exitValue()).as(stderr).isEqualTo(1);
        assertThat(stderr)
                .contains("cannot reach the database at jdbc:postgresql://localhost:")
                .contains("run the same command again to resume")
                .contains(home.resolve("logs").resolve("clade.log").toString())
                .doesNotContainPattern(TRACE_LINE);
        assertThat(stderr.lines()).as(stderr).hasSizeLessThanOrEqualTo(6);
    }

    private record Outcome(int status, String stderr) {}

    /** Runs the command to its end (at most five minutes) and returns its exit status and stderr. */
    private Outcome run(ProcessBuilder builder) throws IOException, InterruptedException {
        Path err = Files.createTempFile(dir, "clade-", ".err");
        Process process = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("clade did not finish in 5 minutes:\n" + Files.readString(err));
        }
        return new Outcome(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }
}
