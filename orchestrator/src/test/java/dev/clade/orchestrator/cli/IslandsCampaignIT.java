package dev.clade.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.orchestrator.testing.Cli;
import dev.clade.orchestrator.testing.RunningCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/tsp-anneal/islands.yaml from the CLI, killed with {@code kill -9} part-way and run again: it completes, and
 * every node the first run finished keeps its island and its MAP-Elites cell (islands are stored with the nodes and
 * cells recomputed from them, so a restart needs no saved state), with no node lost or made twice.
 */
class IslandsCampaignIT {

    private static final int BUDGET = 16;
    /** A line of {@code clade status --nodes}: the node's number, state, and at the end its island and cell. */
    private static final Pattern ROW = Pattern.compile(
            "^\\s*(\\d+)\\s+(root|draft|improve|debug)\\s+(\\w+)\\s.*\\s(\\d+|-)\\s+(\\([\\d, ]+\\)|-)(?: elite)?$");

    @TempDir
    Path dir;

    @Test
    void should_run_islands_on_the_tsp_example_and_resume_after_kill_9_with_the_same_islands_and_cells()
            throws Exception {
        Cli.require("python3", List.of(List.of("python3", "-c", "print(1)")));
        Path example =
                copy(Path.of("..", "examples", "tsp-anneal").toAbsolutePath().normalize(), dir.resolve("tsp"));
        Path spec = example.resolve("islands.yaml");
        Files.writeString(
                spec,
                Files.readString(spec)
                        .replace("experiments: 40", "experiments: " + BUDGET)
                        .replace("migrationInterval: 10", "migrationInterval: 4"));
        Path home = dir.resolve("home");

        RunningCli first = RunningCli.start(Map.of(), home, "run", spec.toString());
        Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> first.experimentLines() >= 6);
        first.process.destroyForcibly();
        first.process.waitFor(30, TimeUnit.SECONDS);
        assertThat(first.experimentLines()).isLessThan(BUDGET);
        Map<Long, List<String>> before = places(Cli.run(home, 2, "status", "tsp-anneal-islands", "--nodes"));

        Cli.Outcome second = Cli.run(home, 5, "run", spec.toString());
        assertThat(second.status()).as(second.output()).isZero();
        assertThat(second.output()).contains("Campaign tsp-anneal-islands completed", BUDGET + " of " + BUDGET);
        Cli.Outcome status = Cli.run(home, 2, "status", "tsp-anneal-islands", "--nodes");
        Map<Long, List<String>> after = places(status);

        assertThat(after.keySet())
                .as(status.output())
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(0, BUDGET).boxed().toList());
        long finishedBefore = before.values().stream()
                .filter(p -> p.get(0).equals("finished"))
                .count();
        assertThat(finishedBefore).isGreaterThanOrEqualTo(5);
        before.forEach((number, place) -> {
            if (place.get(0).equals("finished")) {
                assertThat(after.get(number)).as("node %d", number).isEqualTo(place);
            } else { // reserved or running at the kill: the resumed run finished it on the island it was given
                assertThat(after.get(number).get(1))
                        .as("node %d's island", number)
                        .isEqualTo(place.get(1));
            }
        });
        assertThat(after.entrySet().stream()
                        .filter(e -> e.getKey() > 0)
                        .map(e -> e.getValue().get(1))
                        .collect(Collectors.toSet()))
                .as("every island was seeded")
                .containsExactlyInAnyOrder("0", "1", "2", "3");
        assertThat(status.output()).containsPattern("Islands: 4, grid over restarts \\[1, 9], reverse_probability");
        List<Long> lines = Stream.concat(first.lines.stream(), second.output().lines())
                .filter(l -> l.matches("\\[\\s*\\d+/" + BUDGET + "].*"))
                .map(l -> Long.parseLong(l.replaceAll("^.*] node (\\d+).*$", "$1")))
                .toList();
        assertThat(lines).doesNotHaveDuplicates().hasSize(BUDGET);
        assertThat(RunningCli.branches(home, "tsp-anneal-islands"))
                .containsExactlyInAnyOrderElementsOf(RunningCli.experimentBranches("tsp-anneal-islands", BUDGET));
    }

    /** Node number → [finished or not, island, cell], from {@code clade status --nodes}. */
    private static Map<Long, List<String>> places(Cli.Outcome status) {
        assertThat(status.status()).as(status.output()).isZero();
        Map<Long, List<String>> places = new TreeMap<>();
        for (String line : status.output().lines().toList()) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                boolean finished =
                        List.of("scored", "gated", "failed", "invalid").contains(m.group(3));
                places.put(Long.parseLong(m.group(1)), List.of(finished ? "finished" : "open", m.group(4), m.group(5)));
            }
        }
        return places;
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p :
                    files.filter(p -> !p.toString().contains("__pycache__")).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }
}
