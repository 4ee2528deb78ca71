package dev.clade.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.orchestrator.experiment.Folders;
import dev.clade.orchestrator.testing.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped agent benchmark is sound: every starting repository fails its hidden tests, every solution passes. */
class AgentBenchTasksTest {

    static final Path BENCH =
            Path.of("..", "examples", "agent-bench").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void should_ship_at_least_twelve_tasks_in_two_languages() throws IOException {
        List<String> tasks = tasks();
        assertThat(tasks).hasSizeGreaterThanOrEqualTo(12);
        assertThat(tasks.stream().filter(t -> t.startsWith("py-"))).isNotEmpty();
        assertThat(tasks.stream().filter(t -> t.startsWith("sh-"))).isNotEmpty();
    }

    @Test
    void should_fail_every_starting_repository_and_pass_every_solution() throws Exception {
        Cli.require("python3", List.of(List.of("python3", "--version")));
        for (String task : tasks()) {
            assertThat(score(task, false))
                    .as("hidden tests of %s on its starting repo", task)
                    .isLessThan(1.0);
            assertThat(score(task, true))
                    .as("hidden tests of %s on its solution", task)
                    .isEqualTo(1.0);
        }
    }

    private double score(String task, boolean solved) throws IOException, InterruptedException {
        Path work = dir.resolve(task + (solved ? "-solved" : "-start"));
        Folders.copy(BENCH.resolve(task).resolve("repo"), work);
        if (solved) {
            Folders.copy(BENCH.resolve(task).resolve("solution"), work);
        }
        Folders.copy(BENCH.resolve(task).resolve("hidden"), work.resolve(".clade-hidden"));
        Process p = new ProcessBuilder("sh", ".clade-hidden/test.sh")
                .directory(work.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return Cli.number(out, "\"score\": ([0-9.]+)");
    }

    private static List<String> tasks() throws IOException {
        try (Stream<Path> list = Files.list(BENCH)) {
            return list.filter(d -> Files.isRegularFile(d.resolve("task.md")))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }
}
