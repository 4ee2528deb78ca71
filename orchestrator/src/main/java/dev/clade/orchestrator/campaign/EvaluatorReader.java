package dev.clade.orchestrator.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clade.orchestrator.campaign.CampaignSpec.EvaluatorSpec;
import dev.clade.orchestrator.campaign.CampaignSpec.Stage;
import dev.clade.orchestrator.strategy.Direction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code evaluator} field of a spec: stages, direction, tasks, utility range, environment, execution. */
final class EvaluatorReader {

    /** A relative path in the repository that needs no quoting in a command. */
    static final Pattern PLAIN_PATH = Pattern.compile("(?!/)(?!.*\\.\\.)[A-Za-z0-9_][A-Za-z0-9_./-]*");

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The score of OpenEvolve's and ShinkaEvolve's results. */
    static final String DEFAULT_SCORE_KEY = "combined_score";

    private EvaluatorReader() {}

    /** What a Python or results-folder stage is given: the program's path and the result's score key. */
    private record Program(Optional<String> path, String scoreKey) {}

    static Optional<EvaluatorSpec> read(
            Fields f, JsonNode node, Path baseDir, boolean checkHost, List<String> editable, Optional<String> program) {
        f.onlyKnown(
                node,
                "evaluator",
                Set.of(
                        "metric",
                        "direction",
                        "stages",
                        "outputLimit",
                        "env",
                        "tasks",
                        "utilityRange",
                        "backend",
                        "network",
                        "resources",
                        "isolation",
                        "files",
                        "agentBenchmark",
                        "scoreKey"));
        String metric = f.text(node, "evaluator", "metric", false).orElse("score");
        Direction direction = f.text(node, "evaluator", "direction", false)
                .map(d -> switch (d.toLowerCase(java.util.Locale.ROOT)) {
                    case "maximize", "max" -> Direction.MAXIMIZE;
                    case "minimize", "min" -> Direction.MINIMIZE;
                    default -> {
                        f.problem("evaluator.direction", "'" + d + "' is not allowed; use maximize or minimize");
                        yield Direction.MAXIMIZE;
                    }
                })
                .orElse(Direction.MAXIMIZE);
        String scoreKey = f.text(node, "evaluator", "scoreKey", false).orElse(DEFAULT_SCORE_KEY);
        if (!IDENTIFIER.matcher(scoreKey).matches()) {
            f.problem("evaluator.scoreKey", "'" + scoreKey + "' is not a metric name (letters, digits and '_')");
        }
        Program given = new Program(program.or(() -> single(editable)), scoreKey);
        List<Stage> stages = stages(f, node.get("stages"), ExecutionReader.defaults(f, node), given);
        long outputLimit = f.size(node, "evaluator", "outputLimit").orElse(SpecReader.DEFAULT_OUTPUT_LIMIT);
        Map<String, String> env = env(f, node.get("env"));
        List<String> tasks = SpecReader.strings(f, node.get("tasks"), "evaluator.tasks");
        Set<String> seen = new HashSet<>();
        for (String task : tasks) {
            if (!SpecReader.TASK.matcher(task).matches()) {
                f.problem("evaluator.tasks", "'" + task + "' is not a task id; use letters, digits, '.', '_' or '-'");
            } else if (!seen.add(task)) {
                f.problem("evaluator.tasks", "'" + task + "' is listed twice");
            }
        }
        Optional<CampaignSpec.UtilityRange> range = utilityRange(f, node.get("utilityRange"));
        Optional<String> bench = f.text(node, "evaluator", "agentBenchmark", false)
                .map(b -> baseDir.resolve(b).normalize().toString());
        if (bench.isPresent()) {
            ((ObjectNode) node).put("agentBenchmark", bench.get());
            if (checkHost) {
                tasks = AgentTasks.check(f, Path.of(bench.get()), tasks);
                ArrayNode listed = ((ObjectNode) node).putArray("tasks");
                tasks.forEach(listed::add);
            }
        }
        List<String> files = node.has("files")
                ? SpecReader.strings(f, node.get("files"), "evaluator.files")
                : EvaluatorFiles.namedIn(stages, editable);
        for (int i = 0; i < files.size(); i++) {
            try {
                EditableGlobs.of(List.of(files.get(i)));
            } catch (IllegalArgumentException e) {
                f.problem("evaluator.files[" + i + "]", e.getMessage().replace("editable glob", "glob"));
            }
        }
        return Optional.of(new EvaluatorSpec(
                metric,
                direction,
                stages,
                outputLimit,
                env,
                tasks,
                range,
                ExecutionReader.strict(f, node),
                bench,
                files));
    }

    private static Optional<CampaignSpec.UtilityRange> utilityRange(Fields f, JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()
                || node.size() != 2
                || !node.get(0).isNumber()
                || !node.get(1).isNumber()
                || !(node.get(0).asDouble() < node.get(1).asDouble())) {
            f.problem(
                    "evaluator.utilityRange",
                    "expected [lower, upper] with lower < upper: the scores that map to"
                            + " utility 0 and 1 (worst and best), got " + Fields.describe(node));
            return Optional.empty();
        }
        return Optional.of(new CampaignSpec.UtilityRange(
                node.get(0).asDouble(), node.get(1).asDouble()));
    }

    /** The one file that {@code target.editable} names word for word, when it names only that. */
    private static Optional<String> single(List<String> editable) {
        return editable.size() == 1 && PLAIN_PATH.matcher(editable.getFirst()).matches()
                ? Optional.of(editable.getFirst())
                : Optional.empty();
    }

    private static List<Stage> stages(Fields f, JsonNode node, CampaignSpec.Execution defaults, Program program) {
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
        file.filter(p -> !PLAIN_PATH.matcher(p).matches())
                .ifPresent(
                        p -> f.problem(path + ".python.file", "'" + p + "' is not a relative path in the repository"));
        String function = f.text(python, path + ".python", "function", false).orElse("evaluate");
        if (!IDENTIFIER.matcher(function).matches()) {
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
        if (!PLAIN_PATH.matcher(value).matches() || value.contains(":")) {
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

    private static Map<String, String> env(Fields f, JsonNode node) {
        Map<String, String> env = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return env;
        }
        if (!node.isObject()) {
            f.problem("evaluator.env", "expected a mapping of variable names to values");
            return env;
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*") || !e.getValue().isValueNode()) {
                f.problem("evaluator.env." + e.getKey(), "expected NAME: value with a shell-style name");
            } else {
                env.put(e.getKey(), e.getValue().asText());
            }
        });
        return env;
    }
}
