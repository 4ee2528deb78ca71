package dev.clade.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.orchestrator.testing.Cli;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PyTorch training example from the CLI, on the CPU (CI has no GPU): {@code ./clade run examples/gpu-train}. Its
 * GPU variant ({@code gpu.yaml}) needs a machine with one; see the README for what was measured there.
 */
class GpuTrainExampleIT {

    private static final Path EXAMPLE =
            Path.of("..", "examples", "gpu-train").toAbsolutePath().normalize();

    @TempDir
    Path home;

    @Test
    void should_train_on_the_cpu_and_lower_the_validation_loss() throws Exception {
        Cli.require(
                "PyTorch (Debian's python3-torch)",
                List.of(List.of("python3", "-c", "import torch"), List.of("/usr/bin/python3", "-c", "import torch")));

        Cli.Outcome run = Cli.run(home, 6, "run", EXAMPLE.toString());

        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output()).contains("8 of 8 experiments");
        assertThat(Cli.number(run.output(), "Best \\(node \\d+\\): ([0-9.]+)"))
                .as(run.output())
                .isLessThan(Cli.number(run.output(), "Baseline \\(node 0\\): ([0-9.]+)"));
    }
}
