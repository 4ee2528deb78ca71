package dev.clade.orchestrator.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.clade.agents.coder.AgentDefinition;
import dev.clade.agents.coder.AgentException;
import dev.clade.agents.coder.AgentFolder;
import dev.clade.agents.llm.ModelSettings;
import dev.clade.agents.llm.ModelSettingsReader;
import dev.clade.agents.llm.Price;
import dev.clade.agents.llm.Prices;
import dev.clade.agents.llm.Provider;
import dev.clade.orchestrator.campaign.CampaignSpec.Budget;
import dev.clade.orchestrator.campaign.CampaignSpec.Direction;
import dev.clade.orchestrator.campaign.CampaignSpec.EvaluatorSpec;
import dev.clade.orchestrator.campaign.CampaignSpec.MemorySpec;
import dev.clade.orchestrator.campaign.CampaignSpec.ProposerSpec;
import dev.clade.orchestrator.campaign.CampaignSpec.Stage;
import dev.clade.orchestrator.campaign.CampaignSpec.StrategySpec;
import dev.clade.orchestrator.campaign.CampaignSpec.Target;
import dev.clade.orchestrator.strategy.StrategyCatalog;
import java.io.IOException;
import java.nio.file.Files;
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

/**
 * Reads a campaign spec from YAML (the CLI) or JSON (the same document over REST) and validates every field before
 * anything runs. All problems are reported at once, each naming its field and what is allowed.
 */
public final class SpecReader {

    /** File looked for when the CLI is given a folder. */
    public static final String DEFAULT_FILE = "campaign.yaml";

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    static final Pattern TASK = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    static final Duration DEFAULT_STAGE_TIMEOUT = Duration.ofMinutes(10);
    static final long DEFAULT_OUTPUT_LIMIT = 8L * 1024 * 1024;
    static final List<String> PROPOSERS = List.of("offline", "llm", "self");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** A validated spec and the document it came from, with relative paths made absolute (what is stored). */
    public record Loaded(CampaignSpec spec, ObjectNode document) {}

    private SpecReader() {}

    /** Reads {@code path}, or {@code path/campaign.yaml} when it is a folder; relative repo paths are resolved there. */
    public static Loaded read(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(DEFAULT_FILE) : path;
        if (!Files.isRegularFile(file)) {
            throw new SpecException(
                    path.toString(),
                    List.of(Files.isDirectory(path) ? "no " + DEFAULT_FILE + " in this folder" : "no such file"));
        }
        JsonNode tree;
        try {
            tree = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new SpecException(
                    file.toString(),
                    List.of("not valid YAML: " + e.getOriginalMessage()
                            + (e.getLocation() == null
                                    ? ""
                                    : " (line " + e.getLocation().getLineNr() + ")")));
        } catch (IOException e) {
            throw new SpecException(file.toString(), List.of("cannot read: " + e.getMessage()));
        }
        return parse(tree, file.toAbsolutePath().getParent(), file.toString());
    }

    /**
     * Validates a parsed document; {@code baseDir} resolves a relative {@code target.repo} and {@code proposer.agent}.
     * Also checks what the run will need from this host: the agent folder loads and the model's key is set.
     */
    public static Loaded parse(JsonNode tree, Path baseDir, String source) {
        return parse(tree, baseDir, source, true);
    }

    /** Reads back a stored spec, validated when it was stored; the host is not checked again. */
    public static Loaded stored(JsonNode tree, String source) {
        return parse(tree, Path.of("/"), source, false);
    }

    private static Loaded parse(JsonNode tree, Path baseDir, String source, boolean checkHost) {
        if (tree == null || !tree.isObject()) {
            throw new SpecException(
                    source, List.of("the document must be a mapping of fields (name, goal, target, ...)"));
        }
        ObjectNode document = tree.deepCopy();
        Fields f = new Fields();
        f.onlyKnown(
                document,
                "",
                Set.of(
                        "name",
                        "goal",
                        "target",
                        "evaluator",
                        "strategy",
                        "proposer",
                        "budget",
                        "parallelism",
                        "seed",
                        "memory",
                        "knowledge"));
        Optional<String> name = f.text(document, "", "name", true);
        name.filter(n -> !NAME.matcher(n).matches())
                .ifPresent(
                        n -> f.problem(
                                "name",
                                "'" + n
                                        + "' is not allowed; use 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        Optional<String> goal = f.text(document, "", "goal", true);
        Optional<Target> target =
                f.object(document, "", "target", true).flatMap(t -> target(f, (ObjectNode) t, baseDir, checkHost));
        Optional<EvaluatorSpec> evaluator =
                f.object(document, "", "evaluator", true).flatMap(e -> evaluator(f, e, baseDir, checkHost));
        StrategySpec strategy = f.object(document, "", "strategy", false)
                .map(s -> strategy(f, s))
                .orElse(new StrategySpec("greedy", Map.of()));
        ProposerSpec proposer = f.object(document, "", "proposer", false)
                .map(p -> proposer(f, (ObjectNode) p, baseDir, checkHost))
                .orElse(new ProposerSpec("offline", Optional.empty(), Optional.empty()));
        Optional<Budget> budget = f.object(document, "", "budget", true).flatMap(b -> budget(f, b));
        int parallelism =
                f.integer(document, "", "parallelism", 1, 64).orElse(1L).intValue();
        long seed =
                f.integer(document, "", "seed", Long.MIN_VALUE, Long.MAX_VALUE).orElse(0L);
        boolean hasModel = !proposer.kind().equals("offline");
        MemorySpec memory = f.object(document, "", "memory", false)
                .map(m -> GuidanceSpecs.memory(f, m, hasModel))
                .orElse(new MemorySpec(true, 5, false, hasModel));
        List<String> knowledge = GuidanceSpecs.knowledge(f, document.get("knowledge"), baseDir, checkHost);
        if (!knowledge.isEmpty()) {
            // Stored resolved, so a resumed campaign finds its sources wherever it is resumed from.
            ArrayNode resolved = document.putArray("knowledge");
            knowledge.forEach(resolved::add);
        }
        evaluator
                .filter(e -> strategy.kind().equals("hgm")
                        && e.direction() == Direction.MINIMIZE
                        && e.utilityRange().isEmpty())
                .ifPresent(e -> f.problem(
                        "evaluator.utilityRange",
                        "required by strategy hgm when minimizing: [lower,"
                                + " upper] bounds of the scores, e.g. [60, 120]; the upper bound then maps to utility 0 and the"
                                + " lower to 1"));
        budget.ifPresent(b -> checkPrice(f, proposer, b));
        if (proposer.kind().equals("self")) {
            if (evaluator.isPresent() && evaluator.get().agentBenchmark().isEmpty()) {
                f.problem(
                        "evaluator.agentBenchmark",
                        "required by proposer.kind self: the folder of coding tasks the"
                                + " candidate agents are run on");
            }
            if (proposer.model().isEmpty()) {
                f.problem(
                        "proposer.model",
                        "required by proposer.kind self: the model both the candidate agents and"
                                + " the self-improvement run with, e.g. openai:gpt-4.1-mini");
            }
        }
        if (!f.problems().isEmpty()) {
            throw new SpecException(source, f.problems());
        }
        return new Loaded(
                new CampaignSpec(
                        name.get(),
                        goal.get(),
                        target.get(),
                        evaluator.get(),
                        strategy,
                        proposer,
                        budget.get(),
                        parallelism,
                        seed,
                        memory,
                        knowledge),
                document);
    }

    private static Optional<Target> target(Fields f, ObjectNode node, Path baseDir, boolean checkHost) {
        f.onlyKnown(node, "target", Set.of("repo", "ref", "editable"));
        Optional<String> repo = f.text(node, "target", "repo", true).map(r -> checkHost ? resolve(f, r, baseDir) : r);
        repo.ifPresent(r -> node.put("repo", r));
        String ref = f.text(node, "target", "ref", false).orElse("HEAD");
        List<String> editable = strings(f, node.get("editable"), "target.editable");
        if (node.get("editable") == null) {
            f.problem("target.editable", "required: globs of the files a proposal may change, e.g. [\"src/**/*.py\"]");
        }
        return repo.map(r -> new Target(r, ref, editable));
    }

    private static String resolve(Fields f, String repo, Path baseDir) {
        if (isUrl(repo)) {
            return repo;
        }
        Path path = baseDir.resolve(repo).normalize();
        if (!Files.isDirectory(path)) {
            f.problem(
                    "target.repo",
                    "'" + repo + "' is neither a git URL nor an existing folder (looked at " + path + ")");
        }
        return path.toString();
    }

    /** Whether a source is a git URL ({@code scheme://...} or scp-like {@code user@host:path}). */
    public static boolean isUrl(String source) {
        return source.contains("://") || source.matches("[\\w.-]+@[\\w.-]+:.*");
    }

    private static Optional<EvaluatorSpec> evaluator(Fields f, JsonNode node, Path baseDir, boolean checkHost) {
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
                        "agentBenchmark"));
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
        List<Stage> stages = stages(f, node.get("stages"), ExecutionReader.defaults(f, node));
        long outputLimit = f.size(node, "evaluator", "outputLimit").orElse(DEFAULT_OUTPUT_LIMIT);
        Map<String, String> env = env(f, node.get("env"));
        List<String> tasks = strings(f, node.get("tasks"), "evaluator.tasks");
        Set<String> seen = new HashSet<>();
        for (String task : tasks) {
            if (!TASK.matcher(task).matches()) {
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
        return Optional.of(new EvaluatorSpec(
                metric, direction, stages, outputLimit, env, tasks, range, ExecutionReader.strict(f, node), bench));
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

    private static List<Stage> stages(Fields f, JsonNode node, CampaignSpec.Execution defaults) {
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
                    Set.of("name", "command", "timeout", "threshold", "holdout", "backend", "network", "resources"));
            String name = f.text(s, path, "name", false).orElse("stage" + (i + 1));
            if (!names.add(name)) {
                f.problem(path + ".name", "'" + name + "' is used by an earlier stage; stage names must be unique");
            }
            Optional<String> command = f.text(s, path, "command", true);
            Duration timeout = f.duration(s, path, "timeout").orElse(DEFAULT_STAGE_TIMEOUT);
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

    private static StrategySpec strategy(Fields f, JsonNode node) {
        f.onlyKnown(node, "strategy", Set.of("kind", "params"));
        String kind = f.text(node, "strategy", "kind", false).orElse("greedy");
        Optional<List<StrategyCatalog.Param>> allowed = StrategyCatalog.params(kind);
        if (allowed.isEmpty()) {
            f.problem(
                    "strategy.kind",
                    "'" + kind + "' is not available; allowed: " + String.join(", ", StrategyCatalog.kinds()));
            return new StrategySpec(kind, Map.of());
        }
        Map<String, Double> params = new LinkedHashMap<>();
        JsonNode given = node.get("params");
        if (given != null && !given.isNull()) {
            Set<String> names = new HashSet<>();
            allowed.get().forEach(p -> names.add(p.name()));
            f.onlyKnown(given, "strategy.params", names);
            for (StrategyCatalog.Param p : allowed.get()) {
                JsonNode v = given.get(p.name());
                if (v == null) {
                    continue;
                }
                String path = "strategy.params." + p.name();
                if (!v.isNumber()
                        || v.asDouble() < p.min()
                        || v.asDouble() > p.max()
                        || (p.integer() && !v.isIntegralNumber())) {
                    f.problem(
                            path,
                            Fields.describe(v) + " is not allowed; use " + p.allowed() + " (" + p.meaning() + ")");
                } else {
                    params.put(p.name(), v.asDouble());
                }
            }
        }
        return new StrategySpec(kind, params);
    }

    private static ProposerSpec proposer(Fields f, ObjectNode node, Path baseDir, boolean checkHost) {
        f.onlyKnown(node, "proposer", Set.of("kind", "agent", "model", "price"));
        String kind = f.text(node, "proposer", "kind", false).orElse("offline");
        if (!PROPOSERS.contains(kind)) {
            f.problem(
                    "proposer.kind",
                    "'" + kind + "' is not available in this version; allowed: " + String.join(", ", PROPOSERS));
        }
        Optional<AgentDefinition> loadedAgent = Optional.empty();
        Optional<String> agentDir = f.text(node, "proposer", "agent", false);
        if (agentDir.isPresent() && checkHost) {
            Path dir = baseDir.resolve(agentDir.get()).normalize();
            node.put("agent", dir.toString());
            try {
                loadedAgent = Optional.of(AgentFolder.load(dir));
            } catch (AgentException e) {
                f.problem("proposer.agent", e.getMessage());
            }
        }
        Optional<AgentDefinition> agent = loadedAgent;
        Optional<ModelSettings> model = ModelSettingsReader.read(node.get("model"), "proposer.model", f::problem);
        Optional<Price> price = ModelSettingsReader.price(node.get("price"), "proposer.price", f::problem);
        model = model.or(() -> agent.flatMap(AgentDefinition::model));
        if (price.isPresent()) {
            model = model.map(m -> m.withPrice(price.get()));
        }
        if (kind.equals("self") && node.has("agent")) {
            f.problem(
                    "proposer.agent", "not used by kind self: the parent agent (the node's checkout) is the proposer");
        }
        if (kind.equals("offline") && (node.has("agent") || node.has("model") || node.has("price"))) {
            f.problem("proposer", "agent, model and price apply to kind llm only; the offline proposer uses no model");
        }
        model.filter(m -> checkHost && !kind.equals("offline")).ifPresent(m -> checkKey(f, m));
        return new ProposerSpec(
                kind, agentDir.map(d -> baseDir.resolve(d).normalize().toString()), model);
    }

    /** A key that is needed must be in the environment before anything runs; its value is never read here. */
    private static void checkKey(Fields f, ModelSettings m) {
        boolean keyless = m.provider() == Provider.OLLAMA
                || (m.provider() == Provider.OPENAI
                        && m.baseUrl().isPresent()
                        && m.apiKeyEnv().isEmpty());
        String variable = m.keyVariable().orElse("");
        String value = variable.isEmpty() ? null : System.getenv(variable);
        if (!keyless && (value == null || value.isBlank())) {
            f.problem(
                    "proposer.model",
                    m.label() + " needs a key: set the environment variable " + variable
                            + " (it is never stored, logged or passed to evaluators)");
        }
    }

    private static void checkPrice(Fields f, ProposerSpec proposer, Budget budget) {
        if (budget.costUsd().isPresent() && !proposer.kind().equals("offline")) {
            proposer.model()
                    .filter(m -> Prices.of(m).isEmpty())
                    .ifPresent(m -> f.problem(
                            "proposer.price",
                            "budget.costUsd needs the price of " + m.label() + ", which Clade does not know: set"
                                    + " proposer.price {input: <USD per million input tokens>, output: <USD per"
                                    + " million output tokens>}"));
        }
    }

    private static Optional<Budget> budget(Fields f, JsonNode node) {
        f.onlyKnown(node, "budget", Set.of("experiments", "wallClock", "costUsd", "evaluations"));
        Optional<Long> experiments = f.integer(node, "budget", "experiments", 1, 1_000_000);
        if (node.get("experiments") == null) {
            f.problem("budget.experiments", "required: how many experiments (children of the root) to run, e.g. 40");
        }
        Optional<Duration> wallClock = f.duration(node, "budget", "wallClock");
        OptionalDouble cost = f.number(node, "budget", "costUsd");
        if (cost.isPresent() && cost.getAsDouble() < 0) {
            f.problem("budget.costUsd", "must not be negative");
        }
        Optional<Long> evaluations = f.integer(node, "budget", "evaluations", 1, 100_000_000);
        return experiments.map(e -> new Budget(
                e.intValue(),
                wallClock,
                cost,
                evaluations.map(java.util.OptionalLong::of).orElse(java.util.OptionalLong.empty())));
    }

    private static List<String> strings(Fields f, JsonNode node, String path) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isTextual()) {
            values.add(node.asText());
        } else if (node.isArray() && !node.isEmpty()) {
            node.forEach(v -> {
                if (v.isTextual() && !v.asText().isBlank()) {
                    values.add(v.asText().trim());
                } else {
                    f.problem(path, "every entry must be a non-empty glob, got " + Fields.describe(v));
                }
            });
        } else {
            f.problem(path, "expected a list of globs, got " + Fields.describe(node));
        }
        return values;
    }
}
