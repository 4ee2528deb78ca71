package dev.clade.orchestrator.bench;

import dev.clade.orchestrator.experiment.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The targets of {@code clade bench overhead}: a parameter file the offline proposer tunes, an evaluator that reads it
 * and prints a score, and filler files of 10 KB each in folders of 100, as a real repository's data and code would be.
 */
final class GeneratedTarget {

    static final int FILE_BYTES = 10_000;

    private GeneratedTarget() {}

    /** Writes a target of {@code files} files (two of them the parameters and the evaluator); returns its bytes. */
    static long write(Path dir, int files, String stagePrefix) {
        try {
            Folders.delete(dir);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("params.py"), """
                    # clade:params begin
                    X = 1.0    # [-10, 10]
                    Y = 2.0    # [-10, 10]
                    # clade:params end
                    """);
            Files.writeString(dir.resolve("score.sh"), stagePrefix + """
                    x=$(sed -n 's/^X = \\([-0-9.e]*\\).*/\\1/p' params.py)
                    y=$(sed -n 's/^Y = \\([-0-9.e]*\\).*/\\1/p' params.py)
                    awk "BEGIN { printf \\"{\\\\\\"score\\\\\\": %.6f}\\\\n\\", -($x-3)*($x-3)-($y+1)*($y+1) }"
                    """);
            long bytes = Files.size(dir.resolve("params.py")) + Files.size(dir.resolve("score.sh"));
            byte[] line = new byte[100];
            for (int i = 0; i < files - 2; i++) {
                Path folder = dir.resolve("data").resolve("d" + (i / 100));
                Files.createDirectories(folder);
                Arrays.fill(line, (byte) ('a' + i % 26));
                line[99] = '\n';
                StringBuilder content = new StringBuilder(FILE_BYTES);
                String text = new String(line, StandardCharsets.US_ASCII);
                for (int j = 0; j < FILE_BYTES / 100; j++) {
                    content.append(
                            j == 0
                                    ? "file " + i
                                            + text.substring(
                                                    5 + Integer.toString(i).length())
                                    : text);
                }
                Files.writeString(folder.resolve("f" + i + ".txt"), content);
                bytes += FILE_BYTES;
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark's target in " + dir, e);
        }
    }

    /** The median of three {@code cp -a} of the tree into a fresh folder, in nanoseconds. */
    static long copyTime(Path from, Path to) {
        long[] times = new long[3];
        for (int i = 0; i < times.length; i++) {
            Folders.delete(to);
            long start = System.nanoTime();
            try {
                Process cp = new ProcessBuilder("cp", "-a", from.toString(), to.toString())
                        .redirectErrorStream(true)
                        .start();
                String output = new String(cp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (cp.waitFor() != 0) {
                    throw new IllegalStateException("cp -a " + from + " failed: " + output);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run cp -a", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            times[i] = System.nanoTime() - start;
        }
        Folders.delete(to);
        Arrays.sort(times);
        return times[1];
    }

    static String spec(String name, Path target, String strategy, int experiments, int parallelism) {
        return """
                name: %s
                goal: maximise the score of the parameters
                target:
                  repo: %s
                  editable: [params.py]
                evaluator:
                  metric: score
                  direction: maximize
                  stages:
                    - name: score
                      command: sh score.sh
                      timeout: 60s
                strategy:
                  kind: %s
                proposer:
                  kind: offline
                budget:
                  experiments: %d
                parallelism: %d
                seed: 7
                memory:
                  enabled: false
                """.formatted(name, target, strategy, experiments, parallelism);
    }
}
