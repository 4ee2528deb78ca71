package dev.clade.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.orchestrator.experiment.ExperimentRepository;
import dev.clade.orchestrator.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The example campaign as the README runs it, on a fresh Clade home, with each strategy: {@code campaign.yaml}
 * (greedy, the Quick start's first command), {@code dgm.yaml} and {@code hgm.yaml} (task by task).
 */
class ExampleCampaignIT {

    private static final Path EXAMPLE =
            Path.of("..", "examples", "tsp-anneal").toAbsolutePath().normalize();

    @TempDir
    Path home;

    @ParameterizedTest
    @CsvSource({"campaign.yaml, tsp-anneal", "dgm.yaml, tsp-anneal-dgm", "hgm.yaml, tsp-anneal-hgm"})
    void should_improve_the_example_beyond_its_baseline_with_one_branch_per_experiment(String file, String name)
            throws Exception {
        Cli.require("python3", List.of(List.of("python3", "--version")));
        String spec = file.equals("campaign.yaml")
                ? EXAMPLE.toString()
                : EXAMPLE.resolve(file).toString();

        Cli.Outcome run = Cli.run(home, 8, "run", spec);

        assertThat(run.status()).as(run.output()).isZero();
        double baseline = Cli.number(run.output(), "Baseline \\(node 0\\): ([0-9.]+)");
        double best = Cli.number(run.output(), "Best \\(node \\d+\\): ([0-9.]+)");
        assertThat(best).as(run.output()).isLessThan(baseline * 0.95);
        assertThat(run.output()).contains("40 of 40 experiments");
        try (Stream<Path> repos = Files.list(home.resolve("repos"));
                ExperimentRepository repo =
                        ExperimentRepository.openOrCreate(repos.findFirst().orElseThrow())) {
            assertThat(repo.branches("clade/"))
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 40)
                            .mapToObj(n -> "clade/" + name + "/" + n)
                            .toList());
        }
    }
}
