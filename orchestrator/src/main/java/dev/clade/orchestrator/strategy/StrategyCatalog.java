package dev.clade.orchestrator.strategy;

import dev.clade.orchestrator.campaign.CampaignSpec.StrategySpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The strategies a campaign may name, with the parameters each accepts; the spec reader validates against it. */
public final class StrategyCatalog {

    /** One parameter: its allowed closed range, its default, and whether it must be a whole number. */
    public record Param(String name, double min, double max, double defaultValue, boolean integer, String meaning) {
        public String allowed() {
            return integer
                    ? "a whole number from " + (long) min + " to " + (long) max
                    : "a number from " + min + " to " + max;
        }
    }

    private static final Map<String, List<Param>> KINDS = Map.of(
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

    private StrategyCatalog() {}

    public static List<String> kinds() {
        return KINDS.keySet().stream().sorted().toList();
    }

    public static Optional<List<Param>> params(String kind) {
        return Optional.ofNullable(KINDS.get(kind));
    }

    /** Builds the strategy a validated spec names. */
    public static SearchStrategy create(StrategySpec spec) {
        return switch (spec.kind()) {
            case "greedy" ->
                new GreedySearch((int) spec.param("drafts", 3), spec.param("debugProbability", 0.2), (int)
                        spec.param("maxDebugDepth", 2));
            case "dgm" ->
                new DarwinGodelSearch(spec.param("lambda", 10), spec.param("alpha0", 0.5), (int)
                        spec.param("childrenPerGeneration", 2));
            case "hgm" ->
                new HuxleyGodelSearch(
                        spec.param("alpha", 0.6), spec.param("cooldown", 0), (int) spec.param("minEvaluations", 3));
            default -> throw new IllegalArgumentException("unknown strategy " + spec.kind());
        };
    }
}
