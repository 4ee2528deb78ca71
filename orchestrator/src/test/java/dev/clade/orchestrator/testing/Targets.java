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

    /** The agent benchmark shipped under examples/, seen from the module's folder. */
    public static final Path AGENT_BENCH =
            Path.of("..", "examples", "agent-bench").toAbsolutePath().normalize();

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

    /**
     * A campaign spec over {@link #quadratic} with four tasks t0..t3: task tN scores {@code -(x - 3)^2 - N}, so
     * every task sees the same parameter but a different offset; utilities map [-20, 0] to [0, 1].
     */
    public static String taskSpec(String name, Path target, String strategy, int experiments, int evaluations) {
        return spec(name, target, experiments, 2)
                .replace(
                        "  metric: negative squared error\n",
                        "  metric: e\n  tasks: [t0, t1, t2, t3]\n  utilityRange: [-20, 0]\n")
                .replace(
                        "      command: sh score.sh\n      timeout: 30s\n",
                        "      command: sh task.sh\n      timeout: 30s\n")
                .replace(
                        "budget:\n  experiments: " + experiments + "\n",
                        "budget:\n  experiments: " + experiments + "\n  evaluations: " + evaluations + "\n")
                .replace("kind: greedy\n  params: {drafts: 2, debugProbability: 0.2}", "kind: " + strategy);
    }

    /** Adds {@code task.sh} to a {@link #quadratic} target: the task-aware evaluator of {@link #taskSpec}. */
    public static Path withTasks(Path dir) {
        quadratic(dir, "0");
        try {
            Files.writeString(dir.resolve("task.sh"), """
                    #!/bin/sh
                    t=${CLADE_TASK#t}
                    awk -v t="$t" '/^x =/ { x = $3 } END { printf "{\\"score\\": %f, \\"feedback\\": \\"task %s\\"}\\n", -(x - 3) * (x - 3) - t, t }' params.txt
                    """);
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
