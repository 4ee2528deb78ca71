package dev.clade.orchestrator.campaign;

import com.fasterxml.jackson.databind.JsonNode;
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

    private static final Pattern STAGE_FUNCTION = Pattern.compile("(?m)^def (evaluate_stage(\\d))\\s*\\(");
    private static final Pattern KEYWORD = Pattern.compile(
            "\\b([a-z_][a-z0-9_]*)\\s*=\\s*(\"[^\"]*\"|'[^']*'|\\[[^\\]]*]|[-+]?[0-9][0-9_.eE+-]*|True|False|None)");
    static final int MAX_PARALLELISM = 64;

    /** Why a peer's models are not mapped. */
    private static final String MODELS = "the spec runs the offline proposer, which needs no key; for a model, set"
            + " proposer: {kind: llm, model: openai:<name>}";

    private PeerImport() {}

    /** Which peer's problem a folder without a campaign spec holds, judged by its files. */
    public static Optional<Peer> detect(Path folder) {
        if (Files.isRegularFile(folder.resolve("evaluator.py"))
                && PeerValues.program(folder, "initial_program").isPresent()) {
            return Optional.of(Peer.OPENEVOLVE);
        }
        if (Files.isRegularFile(folder.resolve("evaluate.py"))
                && PeerValues.program(folder, "initial").isPresent()) {
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
        String program = PeerValues.program(folder, "initial_program")
                .orElseThrow(() -> new IllegalArgumentException("no initial_program.* in " + folder));
        if (!Files.isRegularFile(folder.resolve("evaluator.py"))) {
            throw new IllegalArgumentException("no evaluator.py in " + folder);
        }
        List<String> unmapped = new ArrayList<>();
        Map<String, JsonNode> config = PeerValues.flatten(PeerValues.yaml(folder.resolve("config.yaml")));
        PeerSpec spec = new PeerSpec(PeerValues.name(folder), program);
        spec.goal = PeerValues.text(config.remove("prompt.system_message"))
                .map(PeerValues::firstSentence)
                .orElse("Raise the combined_score that evaluator.py gives " + program + ".");
        PeerValues.whole(config.remove("max_iterations")).ifPresent(n -> spec.experiments = n);
        PeerValues.whole(config.remove("random_seed")).ifPresent(n -> spec.seed = n);
        PeerValues.whole(config.remove("evaluator.timeout")).ifPresent(n -> spec.timeoutSeconds = n);
        PeerValues.whole(config.remove("evaluator.parallel_evaluations")).ifPresent(n -> spec.parallelism = n);
        boolean cascade = config.containsKey("evaluator.cascade_evaluation")
                && config.remove("evaluator.cascade_evaluation").asBoolean();
        List<Double> thresholds = new ArrayList<>();
        JsonNode listed = config.remove("evaluator.cascade_thresholds");
        if (listed != null && listed.isArray()) {
            listed.forEach(t -> thresholds.add(t.asDouble()));
        }
        String evaluator = PeerValues.read(folder.resolve("evaluator.py"));
        List<String> stageFunctions = new ArrayList<>();
        Matcher m = STAGE_FUNCTION.matcher(evaluator);
        while (m.find()) {
            stageFunctions.add(m.group(1));
        }
        if (cascade && !stageFunctions.isEmpty()) {
            for (int i = 0; i < stageFunctions.size(); i++) {
                String threshold = i < stageFunctions.size() - 1 && i < thresholds.size()
                        ? "\n      threshold: " + PeerValues.number(thresholds.get(i))
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
        PeerIslands.openEvolve(config, unmapped).ifPresent(p -> spec.islands = p);
        config.forEach((key, value) -> unmapped.add(key + ": " + value + " (no counterpart in Clade)"));
        return new Imported(spec.yaml(Peer.OPENEVOLVE), unmapped);
    }

    private static Imported shinka(Path folder) {
        String program = PeerValues.program(folder, "initial")
                .orElseThrow(() -> new IllegalArgumentException("no initial.* in " + folder));
        if (!Files.isRegularFile(folder.resolve("evaluate.py"))) {
            throw new IllegalArgumentException("no evaluate.py in " + folder);
        }
        List<String> unmapped = new ArrayList<>();
        Map<String, String> config = new LinkedHashMap<>();
        Path runner = folder.resolve("run_evo.py");
        if (Files.isRegularFile(runner)) {
            Matcher m = KEYWORD.matcher(PeerValues.read(runner));
            while (m.find()) {
                config.putIfAbsent(m.group(1), m.group(2));
            }
        } else {
            unmapped.add("run_evo.py: not found; the spec uses Clade's defaults for the budget and parallelism");
        }
        PeerSpec spec = new PeerSpec(PeerValues.name(folder), program);
        String evaluator = Optional.ofNullable(config.remove("eval_program_path"))
                .map(PeerValues::unquote)
                .orElse("evaluate.py");
        Optional.ofNullable(config.remove("init_program_path"))
                .map(PeerValues::unquote)
                .filter(p -> !p.equals(program))
                .ifPresent(p -> unmapped.add("init_program_path: " + p + " (the program found is " + program + ")"));
        Optional.ofNullable(config.remove("task_sys_msg"))
                .map(PeerValues::unquote)
                .map(PeerValues::firstSentence)
                .ifPresent(g -> spec.goal = g);
        if (spec.goal == null) {
            spec.goal = "Raise the combined_score that " + evaluator + " gives " + program + ".";
        }
        PeerValues.integer(config.remove("num_generations")).ifPresent(n -> spec.experiments = n);
        PeerValues.integer(config.remove("max_parallel_jobs")).ifPresent(n -> spec.parallelism = n);
        spec.stages.add("    - name: evaluate\n      command: python3 " + evaluator
                + "\n      results: {dir: results}\n" + "      timeout: " + spec.timeoutSeconds + "s");
        Optional.ofNullable(config.remove("llm_models"))
                .ifPresent(models -> unmapped.add("llm_models: " + models + " (" + MODELS + ")"));
        PeerIslands.shinka(config, unmapped).ifPresent(p -> spec.islands = p);
        config.forEach((key, value) -> unmapped.add(key + ": " + value + " (no counterpart in Clade)"));
        return new Imported(spec.yaml(Peer.SHINKA), unmapped);
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
}
