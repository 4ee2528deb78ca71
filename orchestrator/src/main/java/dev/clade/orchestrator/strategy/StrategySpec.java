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
public sealed interface StrategySpec
        permits StrategySpec.Greedy, StrategySpec.Dgm, StrategySpec.Hgm, StrategySpec.Islands {

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

    /**
     * Sub-populations, each a MAP-Elites grid, with ring migration (see {@link IslandSearch}); the numbers as {@link
     * #PARAMS} lists them, then the two that are not numbers.
     *
     * @param features what the grid's dimensions measure, at least one
     * @param selection how parents are drawn on an island
     */
    record Islands(
            int islands,
            int bins,
            double exploitation,
            double exploration,
            double random,
            double lambda,
            int migrationInterval,
            double migrationRate,
            List<Feature> features,
            Selection selection)
            implements StrategySpec {

        /** What the grid measures when a spec names nothing: the size of the changed files. */
        public static final List<Feature> DEFAULT_FEATURES = List.of(Feature.of(Feature.LINES));

        public Islands {
            features = List.copyOf(features);
            if (features.isEmpty() || features.size() > 3) {
                throw new IllegalArgumentException("islands need one to three features, got " + features.size());
            }
            if (Math.abs(exploitation + exploration + random - 1) > 1e-9) {
                throw new IllegalArgumentException(
                        "exploitation + exploration + random must be 1, is " + (exploitation + exploration + random));
            }
        }
    }

    /** How {@link IslandSearch} draws a parent on an island. */
    enum Selection {
        /** The island's best, a random elite or any scored node, by the exploitation / exploration / random ratios. */
        RATIOS,
        /** ShinkaEvolve's rule: sigmoid(lambda (s - median) / MAD) / (1 + children) over the island's elites. */
        WEIGHTED;

        public String spelling() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One dimension of a MAP-Elites grid: a metric the evaluator reports, or the built-in {@link #LINES}. Without
     * bounds the grid spans the values the archive has seen; values outside given bounds go to the edge cells.
     */
    record Feature(String name, java.util.OptionalDouble min, java.util.OptionalDouble max) {

        /** Built-in: the lines of the node's files that differ from the root's. */
        public static final String LINES = "lines";

        public Feature {
            if (min.isPresent() != max.isPresent() || (min.isPresent() && !(min.getAsDouble() < max.getAsDouble()))) {
                throw new IllegalArgumentException("feature " + name + " needs both min and max, min below max");
            }
        }

        public static Feature of(String name) {
            return new Feature(name, java.util.OptionalDouble.empty(), java.util.OptionalDouble.empty());
        }
    }

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
                    new Param("minEvaluations", 1, 1000, 3, true, "evaluations a final answer needs")),
            "islands",
            List.of(
                    new Param("islands", 1, 64, 4, true, "sub-populations seeded from the root"),
                    new Param("bins", 1, 100, 10, true, "cells per feature of each island's grid"),
                    new Param("exploitation", 0, 1, 0.7, false, "share of parents that are the island's best"),
                    new Param("exploration", 0, 1, 0.2, false, "share of parents that are a random elite"),
                    new Param("random", 0, 1, 0.1, false, "share of parents that are any scored node of the island"),
                    new Param("lambda", 0.1, 100, 10, false, "steepness of the weighted selection's sigmoid"),
                    new Param("migrationInterval", 0, 100_000, 20, true, "experiments between migrations (0 = none)"),
                    new Param("migrationRate", 0, 1, 0.1, false, "share of an island's elites that migrate")));

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
        return of(kind, given, Islands.DEFAULT_FEATURES, Selection.RATIOS);
    }

    /**
     * As {@link #of(String, Map)}, with the parameters of islands that are not numbers.
     *
     * @throws IllegalArgumentException for a kind that does not exist, or islands whose ratios do not add up to 1
     */
    static StrategySpec of(String kind, Map<String, Double> given, List<Feature> features, Selection selection) {
        List<Param> params = params(kind).orElseThrow(() -> new IllegalArgumentException("unknown strategy " + kind));
        double[] v = params.stream()
                .mapToDouble(p -> given.getOrDefault(p.name(), p.defaultValue()))
                .toArray();
        return switch (kind) {
            case "greedy" -> new Greedy((int) v[0], v[1], (int) v[2]);
            case "dgm" -> new Dgm(v[0], v[1], (int) v[2]);
            case "islands" ->
                new Islands((int) v[0], (int) v[1], v[2], v[3], v[4], v[5], (int) v[6], v[7], features, selection);
            default -> new Hgm(v[0], v[1], (int) v[2]);
        };
    }

    /** Name used in specs and logs. */
    default String kind() {
        return switch (this) {
            case Greedy g -> "greedy";
            case Dgm d -> "dgm";
            case Hgm h -> "hgm";
            case Islands i -> "islands";
        };
    }

    /** Every parameter's value by name, in the order {@link #PARAMS} lists them. */
    default Map<String, Double> values() {
        double[] values = switch (this) {
            case Greedy g -> new double[] {g.drafts(), g.debugProbability(), g.maxDebugDepth()};
            case Dgm d -> new double[] {d.lambda(), d.alpha0(), d.childrenPerGeneration()};
            case Hgm h -> new double[] {h.alpha(), h.cooldown(), h.minEvaluations()};
            case Islands i ->
                new double[] {
                    i.islands(),
                    i.bins(),
                    i.exploitation(),
                    i.exploration(),
                    i.random(),
                    i.lambda(),
                    i.migrationInterval(),
                    i.migrationRate()
                };
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
