package dev.clade.orchestrator.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clade.orchestrator.campaign.CampaignSpec.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The {@code evaluator.stages} of a spec: each stage's name, limits and execution, and its command as written, as a
 * Python function Clade's runner calls, or as a command whose result is read from the files it writes.
 */
final class StageReader {

    private StageReader() {}

    /** What a Python or results-folder stage is given: the program's path and the result's score key. */
    record Program(Optional<String> path, String scoreKey) {}

    static List<Stage> stages(Fields f, JsonNode node, CampaignSpec.Execution defaults, Program program) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            f.problem("evaluator.stages", "required: a list of at least one stage with a name and a command");
            return List.of();
        }
        List<Stage> stages = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "evaluator.stages[" + i + "]";
            JsonNode s = node.get(i);
            if (!s.isObject()) {
                f.problem(path, "expected a mapping with name and command, got " + Fields.describe(s));
                continue;
            }
            f.onlyKnown(
                    s,
                    path,
                    Set.of(
                            "name",
                            "command",
                            "python",
                            "results",
                            "timeout",
                            "threshold",
                            "holdout",
                            "backend",
                            "network",
                            "resources"));
            String name = f.text(s, path, "name", false).orElse("stage" + (i + 1));
            if (!names.add(name)) {
                f.problem(path + ".name", "'" + name + "' is used by an earlier stage; stage names must be unique");
            }
            Optional<String> command = command(f, s, path, program);
            Duration timeout = f.duration(s, path, "timeout").orElse(SpecReader.DEFAULT_STAGE_TIMEOUT);
            OptionalDouble threshold = f.number(s, path, "threshold");
            boolean holdout = f.bool(s, path, "holdout").orElse(false);
            CampaignSpec.Execution execution = ExecutionReader.read(f, s, path, defaults);
            command.ifPresent(c -> stages.add(new Stage(name, c, timeout, threshold, holdout, execution)));
        }
        if (!stages.isEmpty() && stages.stream().allMatch(Stage::holdout)) {
            f.problem("evaluator.stages", "every stage is a holdout; at least one stage must score the search");
        }
        return stages;
    }

    /**
     * The stage's command: as written; or Clade's Python runner calling {@code python.function} of {@code
     * python.file}; or, with {@code results}, the command run with {@code --program_path} and {@code --results_dir}
     * and its result read from the files it writes there.
     */
    private static Optional<String> command(Fields f, JsonNode s, String path, Program program) {
        JsonNode python = s.get("python");
        JsonNode results = s.get("results");
        if (python != null && s.has("command")) {
            f.problem(path, "give either command or python, not both");
            return Optional.empty();
        }
        if (python == null) {
            Optional<String> command = f.text(s, path, "command", true);
            if (results == null || command.isEmpty()) {
                return command;
            }
            if (!results.isObject()) {
                f.problem(
                        path + ".results",
                        "expected a mapping {dir, metrics, correct}, got " + Fields.describe(results));
                return Optional.empty();
            }
            f.onlyKnown(results, path + ".results", Set.of("dir", "metrics", "correct"));
            String dir = plain(f, results, path + ".results", "dir", "results");
            String metrics = plain(f, results, path + ".results", "metrics", "metrics.json");
            String correct = plain(f, results, path + ".results", "correct", "correct.json");
            return programOf(f, path + ".results", program)
                    .map(p -> PythonStages.resultsCommand(command.get(), dir, metrics, correct, p, program.scoreKey()));
        }
        if (results != null) {
            f.problem(path + ".results", "goes with a command, not with python");
        }
        if (!python.isObject()) {
            f.problem(path + ".python", "expected a mapping {file, function}, got " + Fields.describe(python));
            return Optional.empty();
        }
        f.onlyKnown(python, path + ".python", Set.of("file", "function"));
        Optional<String> file = f.text(python, path + ".python", "file", true);
        file.filter(p -> !EvaluatorReader.PLAIN_PATH.matcher(p).matches())
                .ifPresent(
                        p -> f.problem(path + ".python.file", "'" + p + "' is not a relative path in the repository"));
        String function = f.text(python, path + ".python", "function", false).orElse("evaluate");
        if (!EvaluatorReader.IDENTIFIER.matcher(function).matches()) {
            f.problem(path + ".python.function", "'" + function + "' is not a Python function name");
        }
        Optional<String> programPath = programOf(f, path + ".python", program);
        if (file.isEmpty() || programPath.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(PythonStages.functionCommand(file.get(), function, programPath.get(), program.scoreKey()));
    }

    private static String plain(Fields f, JsonNode node, String path, String field, String fallback) {
        String value = f.text(node, path, field, false).orElse(fallback);
        if (!EvaluatorReader.PLAIN_PATH.matcher(value).matches() || value.contains(":")) {
            f.problem(path + "." + field, "'" + value + "' is not a relative path in the repository");
        }
        return value;
    }

    private static Optional<String> programOf(Fields f, String path, Program program) {
        if (program.path().isEmpty()) {
            f.problem(
                    path,
                    "needs the program it evaluates: set target.program (the file being evolved, e.g."
                            + " initial_program.py)");
        }
        return program.path();
    }
}
