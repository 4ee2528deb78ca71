package dev.clade.orchestrator.strategy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The search strategy a campaign names, with its parameters checked against their allowed ranges. {@link #PARAMS}
 * lists each kind's parameters once (range, default, meaning); the spec reader validates against it and {@link #of}
 * takes the defaults from it.
 */
public sealed interface StrategySpec permits StrategySpec.Greedy, StrategySpec.Dgm, StrategySpec.Hgm {

    /** One parameter: its allowed closed range, its default, and whether it must be a whole number. */
    record Param(String name, double min, double max, double defaultValue, boolean integer, String meaning) {
        public String allowed() {
            return integer
                    ? "a whole number from " + (long) min + " to " + (long) max
                    : "a number from " + min + " to " + max;
        }
    }

    /** AIDE/KAPSO tree search (see {@link GreedySearch}). */
    record Greedy(int drafts, double debugProbability, int maxDebugDepth) implements StrategySpec {}

    /** The Darwin Gödel Machine's archive sampling (see {@link DarwinGodelSearch}). */
    record Dgm(double lambda, double alpha0, int childrenPerGeneration) implements StrategySpec {}

    /** The Huxley-Gödel Machine's clade-metaproductivity search (see {@link HuxleyGodelSearch}). */
    record Hgm(double alpha, double cooldown, int minEvaluations) implements StrategySpec {}

    /** Every kind's parameters in the order of its record's components: the one place their ranges and defaults live. */
    Map<String, List<Param>> PARAMS = Map.of(
            "greedy",
            List.of(
                    new Param("drafts", 0, 100, 3, true, "children drafted from the root before improving"),
                    new Param("debugProbability", 0, 1, 0.2, false, "chance of repairing a failed leaf"),
                    new Param("maxDebugDepth", 0, 20, 2, true, "most consecutive repairs along one lineage")),
            "dgm",
            List.of(
                    new Param("lambda", 0.1, 100, 10, false, "steepness of the sigmoid over normalised scores"),
                    new Param("alpha0", 0, 1, 0.5, false, "normalised score at the sigmoid's midpoint"),
                    new Param("childrenPerGeneration", 1, 64, 2, true, "parents drawn per generation")),
            "hgm",
            List.of(
                    new Param("alpha", 0.1, 1, 0.6, false, "expand when evaluations^alpha >= nodes"),
                    new Param("cooldown", 0, 10, 0, false, "power of the end-of-budget sharpening (0 = off)"),
                    new Param("minEvaluations", 1, 1000, 3, true, "evaluations a final answer needs")));

    /** The kinds a spec may name, sorted. */
    static List<String> kinds() {
        return PARAMS.keySet().stream().sorted().toList();
    }

    /** The parameters of a kind; empty for a kind that does not exist. */
    static Optional<List<Param>> params(String kind) {
        return Optional.ofNullable(PARAMS.get(kind));
    }

    /**
     * The strategy of {@code kind} with the given parameters, the others at their defaults.
     *
     * @throws IllegalArgumentException for a kind that does not exist
     */
    static StrategySpec of(String kind, Map<String, Double> given) {
        List<Param> params = params(kind).orElseThrow(() -> new IllegalArgumentException("unknown strategy " + kind));
        double[] v = params.stream()
                .mapToDouble(p -> given.getOrDefault(p.name(), p.defaultValue()))
                .toArray();
        return switch (kind) {
            case "greedy" -> new Greedy((int) v[0], v[1], (int) v[2]);
            case "dgm" -> new Dgm(v[0], v[1], (int) v[2]);
            default -> new Hgm(v[0], v[1], (int) v[2]);
        };
    }

    /** Name used in specs and logs. */
    default String kind() {
        return switch (this) {
            case Greedy g -> "greedy";
            case Dgm d -> "dgm";
            case Hgm h -> "hgm";
        };
    }

    /** Every parameter's value by name, in the order {@link #PARAMS} lists them. */
    default Map<String, Double> values() {
        double[] values = switch (this) {
            case Greedy g -> new double[] {g.drafts(), g.debugProbability(), g.maxDebugDepth()};
            case Dgm d -> new double[] {d.lambda(), d.alpha0(), d.childrenPerGeneration()};
            case Hgm h -> new double[] {h.alpha(), h.cooldown(), h.minEvaluations()};
        };
        Map<String, Double> named = new LinkedHashMap<>();
        List<Param> params = PARAMS.get(kind());
        for (int i = 0; i < values.length; i++) {
            named.put(params.get(i).name(), values[i]);
        }
        return named;
    }

    /** A parameter's value, or {@code fallback} when this strategy has no parameter of that name. */
    default double param(String name, double fallback) {
        return values().getOrDefault(name, fallback);
    }
}
