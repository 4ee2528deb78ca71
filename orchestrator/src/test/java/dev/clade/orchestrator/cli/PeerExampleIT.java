package dev.clade.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.orchestrator.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The peers' example problems as a user brings them (examples/function-min in OpenEvolve's format,
 * examples/circle-packing in ShinkaEvolve's): a copy of the folder, no campaign.yaml and no {@code clade:params}
 * markers; {@code clade run} says to import first, {@code clade import} writes the spec and names what it could not
 * map, and {@code clade run} then improves the program with the offline proposer.
 */
class PeerExampleIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "function-min, openevolve, OpenEvolve, initial_program.py, database.num_islands",
        "circle-packing, shinka, ShinkaEvolve, initial.py, num_islands"
    })
    void should_import_and_improve_the_example(
            String example, String peer, String title, String program, String islands) throws Exception {
        Cli.require("python3 with numpy", List.of(List.of("python3", "-c", "import numpy")));
        Path problem = copy(Path.of("..", "examples", example).toAbsolutePath().normalize(), dir.resolve(example));
        assertThat(Files.readString(problem.resolve(program)))
                .contains("EVOLVE-BLOCK-START")
                .doesNotContain("clade:params");
        Path home = dir.resolve("home");

        Cli.Outcome unimported = Cli.run(home, 2, "run", problem.toString());
        Cli.Outcome imported = Cli.run(home, 2, "import", peer, problem.toString());
        Cli.Outcome run = Cli.run(home, 8, "run", problem.toString());

        assertThat(unimported.status()).isEqualTo(2);
        assertThat(unimported.output())
                .contains("it holds a problem in " + title + "'s format: run ./clade import " + peer + " " + problem
                        + " first");
        assertThat(imported.status()).as(imported.output()).isZero();
        assertThat(imported.output())
                .contains("Wrote " + problem.resolve("campaign.yaml"))
                .contains("Not mapped")
                .doesNotContain(islands + ": "); // the peer's islands are strategy islands now
        assertThat(Files.readString(problem.resolve("campaign.yaml"))).contains("kind: islands");
        assertThat(run.status()).as(run.output()).isZero();
        double baseline = Cli.number(run.output(), "Baseline \\(node 0\\): ([0-9.]+)");
        double best = Cli.number(run.output(), "Best \\(node \\d+\\): ([0-9.]+)");
        assertThat(best).as(run.output()).isGreaterThan(baseline);
        assertThat(Files.readString(problem.resolve(program)))
                .as("the problem folder itself is never changed")
                .isEqualTo(Files.readString(Path.of("..", "examples", example, program)));
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.equals("campaign.yaml") || name.equals("results") || name.equals("__pycache__")) {
                    continue;
                }
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.toString().contains("__pycache__")
                        && !p.toString().contains("/results/")) {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }
}
