package dev.clade.orchestrator.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clade.orchestrator.campaign.CampaignSpec.Budget;
import dev.clade.orchestrator.campaign.CampaignSpec.EvaluatorSpec;
import dev.clade.orchestrator.campaign.CampaignSpec.MemorySpec;
import dev.clade.orchestrator.campaign.CampaignSpec.Target;
import dev.clade.orchestrator.strategy.Direction;
import dev.clade.orchestrator.strategy.StrategySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

    /** A validated spec and the document it came from, with relative paths made absolute (what is stored). */
    public record Loaded(CampaignSpec spec, ObjectNode document) {}

    private SpecReader() {}

    /** Reads {@code path}, or {@code path/campaign.yaml} when it is a folder; relative repo paths are resolved there. */
    public static Loaded read(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(DEFAULT_FILE) : path;
        if (!Files.isRegularFile(file)) {
            throw SpecException.whole(
                    path.toString(),
                    Files.isDirectory(path)
                            ? "no " + DEFAULT_FILE + " in this folder"
                                    + PeerImport.detect(path)
                                            .map(p -> "; it holds a problem in " + p.title()
                                                    + "'s format: run ./clade import " + p.command() + " " + path
                                                    + " first to write one")
                                            .orElse("")
                            : "no such file");
        }
        JsonNode tree = SpecText.read(file);
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
            throw SpecException.whole(source, "the document must be a mapping of fields (name, goal, target, ...)");
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
        Optional<Target> target = f.object(document, "", "target", true)
                .flatMap(t -> TargetReader.read(f, (ObjectNode) t, baseDir, checkHost));
        Optional<EvaluatorSpec> evaluator = f.object(document, "", "evaluator", true)
                .flatMap(e -> EvaluatorReader.read(
                        f,
                        e,
                        baseDir,
                        checkHost,
                        target.map(Target::editable).orElse(List.of()),
                        target.flatMap(Target::program)));
        StrategySpec strategy = f.object(document, "", "strategy", false)
                .map(s -> StrategyReader.read(f, s))
                .orElse(StrategySpec.of("greedy", Map.of()));
        Optional<JsonNode> proposerNode = f.object(document, "", "proposer", false);
        ProposerSpec proposer = proposerNode
                .map(p -> ProposerReader.read(f, (ObjectNode) p, baseDir, checkHost))
                .orElse(ProposerSpec.offline());
        Optional<Budget> budget = f.object(document, "", "budget", true).flatMap(b -> budget(f, b));
        int parallelism =
                f.integer(document, "", "parallelism", 1, 64).orElse(1L).intValue();
        long seed =
                f.integer(document, "", "seed", Long.MIN_VALUE, Long.MAX_VALUE).orElse(0L);
        boolean hasModel = proposer.usesModel();
        MemorySpec memory = f.object(document, "", "memory", false)
                .map(m -> GuidanceSpecs.memory(f, m, hasModel))
                .orElse(new MemorySpec(true, 5, false, hasModel));
        ProposerOptions.Read options = ProposerOptions.read(f, proposerNode, hasModel, memory.enabled());
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
        budget.ifPresent(b -> ProposerReader.checkPrice(f, proposer, b));
        if (checkHost && target.isPresent() && evaluator.isPresent()) {
            checkPinned(f, target.get(), evaluator.get());
        }
        if (proposer instanceof ProposerSpec.Self) {
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
            throw SpecException.of(source, f.problems());
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
                        knowledge,
                        options.novelty(),
                        options.recommendEvery()),
                document);
    }

    /** Whether a source is a git URL ({@code scheme://...} or scp-like {@code user@host:path}). */
    public static boolean isUrl(String source) {
        return source.contains("://") || source.matches("[\\w.-]+@[\\w.-]+:.*");
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

    /** Editable globs must not cover the evaluator's files, unless a {@code !} pattern takes them out. */
    private static void checkPinned(Fields f, Target target, EvaluatorSpec evaluator) {
        List<String> editable = target.editable();
        List<String> files = evaluator.files();
        try {
            Path local = isUrl(target.repo()) ? null : Path.of(target.repo());
            List<String> covered = EvaluatorFiles.covered(EditableGlobs.of(editable), files, local);
            if (!covered.isEmpty()) {
                f.problem(
                        "target.editable",
                        "covers " + covered + ", which evaluator.files " + files
                                + " pins (the stages run them; a proposal must not rewrite its own evaluator):"
                                + " take them out with "
                                + covered.stream().map(c -> "\"!" + c + "\"").toList()
                                + " in target.editable, narrow the globs, or list the evaluator's own files in"
                                + " evaluator.files");
            }
        } catch (IllegalArgumentException e) {
            // a bad glob is reported by its own field
        }
    }

    static List<String> strings(Fields f, JsonNode node, String path) {
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
