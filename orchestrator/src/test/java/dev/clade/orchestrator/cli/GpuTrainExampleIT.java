package dev.clade.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        requireTorch();
        String java = ProcessHandle.current().info().command().orElse("java");
        Path app = Path.of(System.getProperty("clade.app.dir", "target/quarkus-app"))
                .resolve("quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", app.toString(), "run", EXAMPLE.toString())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("out.txt").toFile());
        builder.environment().put("CLADE_HOME", home.toString());

        Process process = builder.start();
        assertThat(process.waitFor(6, TimeUnit.MINUTES)).as("finishes in time").isTrue();
        String out = Files.readString(home.resolve("out.txt"), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).contains("8 of 8 experiments");
        assertThat(number(out, "Best \\(node \\d+\\): ([0-9.]+)"))
                .as(out)
                .isLessThan(number(out, "Baseline \\(node 0\\): ([0-9.]+)"));
    }

    /** Debian's python3-torch: CI installs it; elsewhere the test says why it skips. */
    private static void requireTorch() throws IOException, InterruptedException {
        boolean present = false;
        for (String python : new String[] {"python3", "/usr/bin/python3"}) {
            try {
                present |= new ProcessBuilder(python, "-c", "import torch")
                                .redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                .start()
                                .waitFor()
                        == 0;
            } catch (IOException e) {
                // that interpreter is not there
            }
        }
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(
                    "PyTorch (python3-torch) is required for the training example and CI must install it");
        }
        assumeTrue(present, "SKIPPED: no python3 with torch; install python3-torch to run the training example");
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("output has " + regex + ":\n" + text).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
