package dev.clade.orchestrator.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A campaign spec written from an OpenEvolve or ShinkaEvolve problem folder as it is ({@code clade import}): its
 * initial program, its evaluator and its configuration (OpenEvolve's {@code config.yaml}; ShinkaEvolve's {@code
 * run_evo.py} keyword arguments), with every setting that has no counterpart in Clade named. The spec runs the
 * offline proposer, which needs no key and tunes the numbers inside the program's evolve blocks.
 */
public final class PeerImport {

    /** The peers whose problem folders Clade reads. */
    public enum Peer {
        OPENEVOLVE("OpenEvolve", "openevolve"),
        SHINKA("ShinkaEvolve", "shinka");

        private final String title;
        private final String command;

        Peer(String title, String command) {
            this.title = title;
            this.command = command;
        }

        public String title() {
            return title;
        }

        /** The word of {@code clade import <word>}. */
        public String command() {
            return command;
        }

        public static Optional<Peer> named(String word) {
            return Stream.of(values())
                    .filter(p -> p.command.equals(word.toLowerCase(Locale.ROOT)))
                    .findFirst();
        }
    }

    /** The spec's text and the settings it could not map, each with why. */
    public record Imported(String yaml, List<String> unmapped) {}

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern STAGE_FUNCTION = Pattern.compile("(?m)^def (evaluate_stage(\\d))\\s*\\(");
    private static final Pattern KEYWORD = Pattern.compile(
            "\\b([a-z_][a-z0-9_]*)\\s*=\\s*(\"[^\"]*\"|'[^']*'|\\[[^\\]]*]|[-+]?[0-9][0-9_.eE+-]*|True|False|None)");
    private static final int MAX_PARALLELISM = 64;

    /** Why a peer's models are not mapped. */
    private static final String MODELS = "the spec runs the offline proposer, which needs no key; for a model, set"
            + " proposer: {kind: llm, model: openai:<name>}";

    private PeerImport() {}

    /** Which peer's problem a folder without a campaign spec holds, judged by its files. */
    public static Optional<Peer> detect(Path folder) {
        if (Files.isRegularFile(folder.resolve("evaluator.py"))
                && program(folder, "initial_program").isPresent()) {
            return Optional.of(Peer.OPENEVOLVE);
        }
        if (Files.isRegularFile(folder.resolve("evaluate.py"))
                && program(folder, "initial").isPresent()) {
            return Optional.of(Peer.SHINKA);
        }
        return Optional.empty();
    }

    /**
     * The spec for the problem in {@code folder}.
     *
     * @throws IllegalArgumentException naming the file that is missing or unreadable
     */
    public static Imported of(Peer peer, Path folder) {
        return switch (peer) {
            case OPENEVOLVE -> openEvolve(folder);
            case SHINKA -> shinka(folder);
        };
    }

    private static Imported openEvolve(Path folder) {
        String program = program(folder, "initial_program")
                .orElseThrow(() -> new IllegalArgumentException("no initial_program.* in " + folder));
        if (!Files.isRegularFile(folder.resolve("evaluator.py"))) {
            throw new IllegalArgumentException("no evaluator.py in " + folder);
        }
        List<String> unmapped = new ArrayList<>();
        Map<String, JsonNode> config = flatten(yaml(folder.resolve("config.yaml")));
        Spec spec = new Spec(name(folder), program);
        spec.goal = text(config.remove("prompt.system_message"))
                .map(PeerImport::firstSentence)
                .orElse("Raise the combined_score that evaluator.py gives " + program + ".");
        whole(config.remove("max_iterations")).ifPresent(n -> spec.experiments = n);
        whole(config.remove("random_seed")).ifPresent(n -> spec.seed = n);
        whole(config.remove("evaluator.timeout")).ifPresent(n -> spec.timeoutSeconds = n);
        whole(config.remove("evaluator.parallel_evaluations")).ifPresent(n -> spec.parallelism = n);
        boolean cascade = config.containsKey("evaluator.cascade_evaluation")
                && config.remove("evaluator.cascade_evaluation").asBoolean();
        List<Double> thresholds = new ArrayList<>();
        JsonNode listed = config.remove("evaluator.cascade_thresholds");
        if (listed != null && listed.isArray()) {
            listed.forEach(t -> thresholds.add(t.asDouble()));
        }
        String evaluator = read(folder.resolve("evaluator.py"));
        List<String> stageFunctions = new ArrayList<>();
        Matcher m = STAGE_FUNCTION.matcher(evaluator);
        while (m.find()) {
            stageFunctions.add(m.group(1));
        }
        if (cascade && !stageFunctions.isEmpty()) {
            for (int i = 0; i < stageFunctions.size(); i++) {
                String threshold = i < stageFunctions.size() - 1 && i < thresholds.size()
                        ? "\n      threshold: " + number(thresholds.get(i))
                        : "";
                spec.stages.add("    - name: stage" + (i + 1) + "\n      python: {file: evaluator.py, function: "
                        + stageFunctions.get(i) + "}\n      timeout: " + spec.timeoutSeconds + "s" + threshold);
            }
        } else {
            if (cascade) {
                unmapped.add("evaluator.cascade_evaluation: evaluator.py defines no evaluate_stage1, so its evaluate"
                        + " function is the only stage");
            }
            spec.stages.add("    - name: evaluate\n      python: {file: evaluator.py, function: evaluate}\n"
                    + "      timeout: " + spec.timeoutSeconds + "s");
        }
        models(config, unmapped);
        openEvolveIslands(config, spec, unmapped);
        config.forEach((key, value) -> unmapped.add(key + ": " + value + " (no counterpart in Clade)"));
        return new Imported(spec.yaml(Peer.OPENEVOLVE), unmapped);
    }

    private static Imported shinka(Path folder) {
        String program =
                program(folder, "initial").orElseThrow(() -> new IllegalArgumentException("no initial.* in " + folder));
        if (!Files.isRegularFile(folder.resolve("evaluate.py"))) {
            throw new IllegalArgumentException("no evaluate.py in " + folder);
        }
        List<String> unmapped = new ArrayList<>();
        Map<String, String> config = new LinkedHashMap<>();
        Path runner = folder.resolve("run_evo.py");
        if (Files.isRegularFile(runner)) {
            Matcher m = KEYWORD.matcher(read(runner));
            while (m.find()) {
                config.putIfAbsent(m.group(1), m.group(2));
            }
        } else {
            unmapped.add("run_evo.py: not found; the spec uses Clade's defaults for the budget and parallelism");
        }
        Spec spec = new Spec(name(folder), program);
        String evaluator = Optional.ofNullable(config.remove("eval_program_path"))
                .map(PeerImport::unquote)
                .orElse("evaluate.py");
        Optional.ofNullable(config.remove("init_program_path"))
                .map(PeerImport::unquote)
                .filter(p -> !p.equals(program))
                .ifPresent(p -> unmapped.add("init_program_path: " + p + " (the program found is " + program + ")"));
        Optional.ofNullable(config.remove("task_sys_msg"))
                .map(PeerImport::unquote)
                .map(PeerImport::firstSentence)
                .ifPresent(g -> spec.goal = g);
        if (spec.goal == null) {
            spec.goal = "Raise the combined_score that " + evaluator + " gives " + program + ".";
        }
        integer(config.remove("num_generations")).ifPresent(n -> spec.experiments = n);
        integer(config.remove("max_parallel_jobs")).ifPresent(n -> spec.parallelism = n);
        spec.stages.add("    - name: evaluate\n      command: python3 " + evaluator
                + "\n      results: {dir: results}\n" + "      timeout: " + spec.timeoutSeconds + "s");
        Optional.ofNullable(config.remove("llm_models"))
                .ifPresent(models -> unmapped.add("llm_models: " + models + " (" + MODELS + ")"));
        shinkaIslands(config, spec, unmapped);
        config.forEach((key, value) -> unmapped.add(key + ": " + value + " (no counterpart in Clade)"));
        return new Imported(spec.yaml(Peer.SHINKA), unmapped);
    }

    /**
     * OpenEvolve's islands and MAP-Elites grid as strategy islands: {@code num_islands}, {@code migration_interval},
     * {@code migration_rate}, {@code feature_bins}, the exploitation and exploration ratios, and {@code
     * feature_dimensions} (its built-in {@code complexity}, the program's length, becomes Clade's {@code lines}; its
     * {@code diversity}, edit distance to other programs, becomes {@code novelty}, embedding distance; other names are
     * the evaluator's metrics). Without any of them the spec keeps greedy.
     */
    private static void openEvolveIslands(Map<String, JsonNode> config, Spec spec, List<String> unmapped) {
        Map<String, String> params = new LinkedHashMap<>();
        whole(config.remove("database.num_islands"))
                .ifPresent(n -> params.put("islands", clamp("database.num_islands", n, 1, 64, unmapped)));
        whole(config.remove("database.migration_interval"))
                .ifPresent(n ->
                        params.put("migrationInterval", clamp("database.migration_interval", n, 0, 100_000, unmapped)));
        ratio(config.remove("database.migration_rate")).ifPresent(r -> params.put("migrationRate", number(r)));
        JsonNode bins = config.remove("database.feature_bins");
        if (bins != null && bins.isNumber()) {
            params.put("bins", clamp("database.feature_bins", bins.asInt(), 1, 100, unmapped));
        } else if (bins != null) {
            unmapped.add("database.feature_bins: " + bins + " (one count of bins for every feature in Clade; "
                    + "the spec uses its default, 10)");
        }
        Optional<Double> exploitation = ratio(config.remove("database.exploitation_ratio"));
        Optional<Double> exploration = ratio(config.remove("database.exploration_ratio"));
        if (exploitation.isPresent() || exploration.isPresent()) {
            double exploit = exploitation.orElse(0.7);
            double explore = exploration.orElse(0.2);
            if (exploit + explore <= 1) {
                params.put("exploitation", number(exploit));
                params.put("exploration", number(explore));
                params.put("random", number(Math.max(0, Math.round((1 - exploit - explore) * 1e9) / 1e9)));
            } else {
                unmapped.add("database.exploitation_ratio, database.exploration_ratio: " + exploit + " + " + explore
                        + " exceed 1 (the spec keeps 0.7 / 0.2 / 0.1)");
            }
        }
        JsonNode dimensions = config.remove("database.feature_dimensions");
        if (dimensions != null && dimensions.isArray()) {
            List<String> features = new ArrayList<>();
            for (JsonNode d : dimensions) {
                String name = switch (d.asText()) {
                    case "complexity" -> "lines";
                    case "diversity" -> "novelty";
                    default -> d.asText();
                };
                if (features.size() == 3 || !name.matches("[A-Za-z_][A-Za-z0-9_]*") || features.contains(name)) {
                    unmapped.add("database.feature_dimensions: " + d.asText() + " (Clade's grid takes up to three"
                            + " distinct metric names)");
                } else {
                    features.add(name);
                }
            }
            if (!features.isEmpty()) {
                params.put("features", "[" + String.join(", ", features) + "]");
            }
        }
        if (!params.isEmpty()) {
            spec.islands = params;
        }
    }

    /**
     * ShinkaEvolve's islands as strategy islands: {@code num_islands}, {@code migration_interval}, {@code
     * migration_rate}, and its weighted parent selection with its lambda. Each island's grid is over the built-in
     * {@code lines} (ShinkaEvolve's islands keep no grid).
     */
    private static void shinkaIslands(Map<String, String> config, Spec spec, List<String> unmapped) {
        Map<String, String> params = new LinkedHashMap<>();
        integer(config.remove("num_islands"))
                .ifPresent(n -> params.put("islands", clamp("num_islands", n, 1, 64, unmapped)));
        integer(config.remove("migration_interval"))
                .ifPresent(n -> params.put("migrationInterval", clamp("migration_interval", n, 0, 100_000, unmapped)));
        Optional.ofNullable(config.remove("migration_rate"))
                .flatMap(PeerImport::decimal)
                .filter(r -> r >= 0 && r <= 1)
                .ifPresent(r -> params.put("migrationRate", number(r)));
        Optional.ofNullable(config.remove("parent_selection_strategy"))
                .map(PeerImport::unquote)
                .ifPresent(s -> {
                    if (s.equals("weighted")) {
                        params.put("selection", "weighted");
                    } else {
                        unmapped.add("parent_selection_strategy: " + s
                                + " (Clade's islands select by ratios or weighted; the" + " spec uses ratios)");
                    }
                });
        Optional.ofNullable(config.remove("parent_selection_lambda"))
                .flatMap(PeerImport::decimal)
                .filter(l -> l >= 0.1 && l <= 100)
                .ifPresent(l -> params.put("lambda", number(l)));
        if (!params.isEmpty()) {
            spec.islands = params;
        }
    }

    private static String clamp(String key, int value, int min, int max, List<String> unmapped) {
        if (value < min || value > max) {
            int kept = Math.max(min, Math.min(max, value));
            unmapped.add(key + ": " + value + " (Clade allows " + min + " to " + max + "; the spec uses " + kept + ")");
            return Integer.toString(kept);
        }
        return Integer.toString(value);
    }

    private static Optional<Double> ratio(JsonNode node) {
        return node != null && node.isNumber() && node.asDouble() >= 0 && node.asDouble() <= 1
                ? Optional.of(node.asDouble())
                : Optional.empty();
    }

    private static Optional<Double> decimal(String literal) {
        try {
            return Optional.of(Double.parseDouble(literal.replace("_", "")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Every {@code llm.*} setting of an OpenEvolve config, named in one line. */
    private static void models(Map<String, JsonNode> config, List<String> unmapped) {
        List<String> names = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = config.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("llm.")) {
                names.add(e.getKey().substring(4) + "=" + e.getValue());
                it.remove();
            }
        }
        if (!names.isEmpty()) {
            unmapped.add("llm (" + String.join(", ", names) + "): " + MODELS + " (an ensemble: proposer.models"
                    + " [{model, weight, price}])");
        }
    }

    /** The mutable parts of the spec being written. */
    private static final class Spec {
        final String name;
        final String program;
        String goal;
        int experiments = 40;
        int parallelism = 1;
        long seed = 0;
        int timeoutSeconds = 300;
        final List<String> stages = new ArrayList<>();
        /** The parameters of strategy islands, when the peer's config names islands or a grid; else greedy. */
        Map<String, String> islands;

        private String strategy() {
            if (islands == null) {
                return "  kind: greedy\n";
            }
            List<String> params = new ArrayList<>();
            islands.forEach((key, value) -> params.add(key + ": " + value));
            return "  kind: islands\n  params: {" + String.join(", ", params) + "}\n";
        }

        Spec(String name, String program) {
            this.name = name;
            this.program = program;
        }

        String yaml(Peer peer) {
            return "# Written by `clade import " + peer.command() + "` from this " + peer.title() + " problem folder;"
                    + " edit it freely.\n"
                    + "name: " + name + "\n"
                    + "goal: " + quote(goal) + "\n"
                    + "target:\n"
                    + "  repo: .\n"
                    + "  editable: [" + program + "]\n"
                    + "  program: " + program + "\n"
                    + "evaluator:\n"
                    + "  metric: combined_score\n"
                    + "  direction: maximize\n"
                    + "  stages:\n"
                    + String.join("\n", stages) + "\n"
                    + "strategy:\n"
                    + strategy()
                    + "proposer:\n"
                    + "  kind: offline   # tunes the numbers inside the program's EVOLVE-BLOCK regions; no key needed\n"
                    + "budget:\n"
                    + "  experiments: " + Math.max(1, experiments) + "\n"
                    + "parallelism: " + Math.max(1, Math.min(MAX_PARALLELISM, parallelism)) + "\n"
                    + "seed: " + seed + "\n";
        }
    }

    private static Optional<String> program(Path folder, String stem) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(stem + ".") && !n.endsWith(".pyc"))
                    .sorted()
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String name(Path folder) {
        String name =
                folder.toAbsolutePath().normalize().getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "-");
        return name.isEmpty() ? "imported" : name.length() > 63 ? name.substring(0, 63) : name;
    }

    private static JsonNode yaml(Path file) {
        if (!Files.isRegularFile(file)) {
            return YAML.createObjectNode();
        }
        try {
            JsonNode node = YAML.readTree(file.toFile());
            return node == null ? YAML.createObjectNode() : node;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not YAML: " + e.getMessage(), e);
        }
    }

    /** The leaves of a YAML tree by dotted key; a list is a leaf. */
    private static Map<String, JsonNode> flatten(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        flatten("", node, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix + e.getKey() + ".", e.getValue(), out));
        } else if (!prefix.isEmpty()) {
            out.put(prefix.substring(0, prefix.length() - 1), node);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Optional<String> text(JsonNode node) {
        return node == null || node.isNull() || node.asText().isBlank() ? Optional.empty() : Optional.of(node.asText());
    }

    private static Optional<Integer> whole(JsonNode node) {
        return node != null && node.canConvertToInt() && node.isNumber() ? Optional.of(node.asInt()) : Optional.empty();
    }

    private static Optional<Integer> integer(String literal) {
        try {
            return literal == null ? Optional.empty() : Optional.of(Integer.parseInt(literal.replace("_", "")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String unquote(String literal) {
        return literal.replaceAll("^[\"']|[\"']$", "");
    }

    private static String firstSentence(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        int end = line.indexOf(". ");
        line = end > 0 ? line.substring(0, end + 1) : line;
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
