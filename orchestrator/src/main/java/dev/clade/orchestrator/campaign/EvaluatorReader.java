package dev.clade.orchestrator.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clade.orchestrator.campaign.CampaignSpec.EvaluatorSpec;
import dev.clade.orchestrator.campaign.CampaignSpec.Stage;
import dev.clade.orchestrator.strategy.Direction;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code evaluator} field of a spec: stages, direction, tasks, utility range, environment, execution. */
final class EvaluatorReader {

    /** A relative path in the repository that needs no quoting in a command. */
    static final Pattern PLAIN_PATH = Pattern.compile("(?!/)(?!.*\\.\\.)[A-Za-z0-9_][A-Za-z0-9_./-]*");

    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The score of OpenEvolve's and ShinkaEvolve's results. */
    static final String DEFAULT_SCORE_KEY = "combined_score";

    private EvaluatorReader() {}

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
        StageReader.Program given = new StageReader.Program(program.or(() -> single(editable)), scoreKey);
        List<Stage> stages = StageReader.stages(f, node.get("stages"), ExecutionReader.defaults(f, node), given);
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
