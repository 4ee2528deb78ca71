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
                    new Param("maxDebugDepth", 0, 20, 2, true, "most consecutive repairs along one lineage")));

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
            default -> throw new IllegalArgumentException("unknown strategy " + spec.kind());
        };
    }
}
