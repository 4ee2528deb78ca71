package dev.clade.orchestrator.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks a benchmark of coding tasks ({@code evaluator.agentBenchmark}): one folder per task holding {@code task.md}
 * (the statement the agent gets), {@code repo/} (the files it starts from) and {@code hidden/} (the tests it never
 * sees). Without {@code evaluator.tasks}, every task folder is used, in name order.
 */
final class AgentTasks {

    static final String STATEMENT = "task.md";
    static final String REPO = "repo";
    static final String HIDDEN = "hidden";

    private AgentTasks() {}

    static List<String> check(Fields f, Path folder, List<String> listed) {
        if (!Files.isDirectory(folder)) {
            f.problem("evaluator.agentBenchmark", "no folder " + folder);
            return listed;
        }
        List<String> tasks = listed.isEmpty() ? discover(folder) : listed;
        if (tasks.isEmpty()) {
            f.problem(
                    "evaluator.agentBenchmark",
                    folder + " holds no task folder (each needs task.md, repo/ and hidden/)");
        }
        for (String task : tasks) {
            Path dir = folder.resolve(task);
            List<String> missing = new ArrayList<>();
            if (!Files.isRegularFile(dir.resolve(STATEMENT))) {
                missing.add(STATEMENT);
            }
            if (!Files.isDirectory(dir.resolve(REPO))) {
                missing.add(REPO + "/");
            }
            if (!Files.isDirectory(dir.resolve(HIDDEN))) {
                missing.add(HIDDEN + "/");
            }
            if (!missing.isEmpty()) {
                f.problem(
                        "evaluator.tasks", "task '" + task + "' in " + folder + " lacks " + String.join(", ", missing));
            }
        }
        return tasks;
    }

    private static List<String> discover(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(d -> Files.isRegularFile(d.resolve(STATEMENT)))
                    .map(d -> d.getFileName().toString())
                    .filter(n -> SpecReader.TASK.matcher(n).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
