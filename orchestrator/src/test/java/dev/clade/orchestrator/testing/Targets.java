package dev.clade.orchestrator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small real targets for campaigns in tests: a parameter file the offline proposer tunes and an evaluator in plain
 * POSIX sh and awk, so no test needs Python.
 */
public final class Targets {

    private Targets() {}

    /**
     * A target whose score is {@code -(x - 3)^2} (maximize; best 0 at x = 3), starting at x = 0.5. {@code delay} is
     * a shell sleep argument added to each evaluation ("0" for none).
     */
    public static Path quadratic(Path dir, String delay) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("params.txt"), """
                    # clade:params begin
                    x = 0.5    # [-10, 10]
                    # clade:params end
                    """);
            Files.writeString(dir.resolve("score.sh"), """
                    #!/bin/sh
                    sleep %s
                    awk '/^x =/ { x = $3 } END { printf "{\\"score\\": %%f, \\"metrics\\": {\\"x\\": %%f}, \\"feedback\\": \\"x is %%f\\"}\\n", -(x - 3) * (x - 3), x, x }' params.txt
                    """.formatted(delay));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A campaign spec over {@link #quadratic}, with a smoke stage, a scoring stage and a holdout stage. */
    public static String spec(String name, Path target, int experiments, int parallelism) {
        return """
                name: %s
                goal: bring x close to 3
                target:
                  repo: %s
                  editable: ["params.txt"]
                evaluator:
                  metric: negative squared error
                  direction: maximize
                  stages:
                    - name: smoke
                      command: |-
                        test -f params.txt && echo '{"score": 1}'
                      timeout: 10s
                      threshold: 1
                    - name: full
                      command: sh score.sh
                      timeout: 30s
                    - name: holdout
                      command: sh score.sh
                      holdout: true
                strategy:
                  kind: greedy
                  params: {drafts: 2, debugProbability: 0.2}
                proposer:
                  kind: offline
                budget:
                  experiments: %d
                parallelism: %d
                seed: 11
                """.formatted(name, target, experiments, parallelism);
    }
}
