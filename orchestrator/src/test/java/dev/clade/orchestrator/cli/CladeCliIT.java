package dev.clade.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.orchestrator.experiment.ExperimentRepository;
import dev.clade.orchestrator.testing.Databases;
import dev.clade.orchestrator.testing.RunningCli;
import dev.clade.orchestrator.testing.Targets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged {@code clade} command as a user runs it: a real JVM with the embedded PostgreSQL, killed with {@code
 * kill -9} half-way and run again.
 */
class CladeCliIT {

    private static final int BUDGET = 12;

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("dev.clade.orchestrator.testing.Databases#kinds")
    void should_resume_after_kill_9_with_every_node_and_branch_exactly_once(String database) throws Exception {
        try (Databases db = Databases.of(database)) {
            resumesAfterKill9(db.environment());
        }
    }

    private void resumesAfterKill9(Map<String, String> database) throws Exception {
        Path target = Targets.quadratic(dir.resolve("target"), "0.4");
        Files.writeString(dir.resolve("campaign.yaml"), Targets.spec("killed", target, BUDGET, 2));
        Path home = dir.resolve("home");

        RunningCli first = start(database, home, "run", dir.toString());
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> first.experimentLines() >= 4);
        first.process.destroyForcibly(); // SIGKILL: no shutdown hook runs, the database server is orphaned
        first.process.waitFor(30, TimeUnit.SECONDS);
        assertThat(first.experimentLines()).isLessThan(BUDGET);

        RunningCli second = start(database, home, "run", dir.toString());
        assertThat(second.process.waitFor(3, TimeUnit.MINUTES)).isTrue();

        assertThat(second.process.exitValue()).as(second.output()).isZero();
        assertThat(second.output())
                .contains("Campaign killed completed")
                .contains(BUDGET + " of " + BUDGET + " experiments");
        List<Long> finished = Stream.concat(first.lines.stream(), second.lines.stream())
                .filter(l -> l.matches("\\[\\s*\\d+/" + BUDGET + "].*"))
                .map(l -> Long.parseLong(l.replaceAll("^.*] node (\\d+).*$", "$1")))
                .toList();
        assertThat(finished).doesNotHaveDuplicates();
        assertThat(Set.copyOf(finished))
                .as("first run:\n%s\n\nsecond run:\n%s", first.output(), second.output())
                .isEqualTo(LongStream.rangeClosed(1, BUDGET).boxed().collect(Collectors.toSet()));
        assertThat(RunningCli.branches(home, "killed"))
                .containsExactlyInAnyOrderElementsOf(RunningCli.experimentBranches("killed", BUDGET));

        Path remote = dir.resolve("remote.git");
        org.eclipse.jgit.api.Git.init()
                .setBare(true)
                .setDirectory(remote.toFile())
                .call()
                .close();
        RunningCli export = start(database, home, "export", "killed", "--to", remote.toString(), "--all");
        assertThat(export.process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(export.process.exitValue()).as(export.output()).isZero();
        assertThat(export.output()).contains("clade/killed/1 -> " + remote + ": ok");
        try (ExperimentRepository pushed = ExperimentRepository.openOrCreate(remote)) {
            assertThat(pushed.branches("clade/killed/")).hasSize(BUDGET);
        }

        RunningCli status = start(database, home, "status");
        assertThat(status.process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(status.output()).containsPattern("killed\\s+completed\\s+" + BUDGET + "/" + BUDGET);
    }

    @Test
    void should_reject_a_bad_spec_before_starting_anything() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "name: bad\ngoal: g\nbudget: {experiments: -1}\n");

        RunningCli run =
                start(dir.resolve("home"), "run", dir.resolve("bad.yaml").toString());

        assertThat(run.process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(run.process.exitValue()).isEqualTo(2);
        assertThat(run.output())
                .contains("budget.experiments: must be between 1")
                .contains("target: required")
                .contains("evaluator: required");
        assertThat(dir.resolve("home")).doesNotExist();
    }

    private static RunningCli start(Path home, String... args) throws IOException {
        return RunningCli.start(Map.of(), home, args);
    }

    private static RunningCli start(Map<String, String> environment, Path home, String... args) throws IOException {
        return RunningCli.start(environment, home, args);
    }
}
