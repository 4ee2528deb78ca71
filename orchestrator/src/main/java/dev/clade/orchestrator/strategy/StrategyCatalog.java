package dev.clade.orchestrator.strategy;

import java.util.List;

/** Builds the strategy a campaign names (DESIGN.md, "Strategies"). */
public final class StrategyCatalog {

    private StrategyCatalog() {}

    /** The kinds a spec may name, sorted. */
    public static List<String> kinds() {
        return StrategySpec.kinds();
    }

    /** Builds the strategy a validated spec names. */
    public static SearchStrategy create(StrategySpec spec) {
        return switch (spec) {
            case StrategySpec.Greedy g -> new GreedySearch(g.drafts(), g.debugProbability(), g.maxDebugDepth());
            case StrategySpec.Dgm d -> new DarwinGodelSearch(d.lambda(), d.alpha0(), d.childrenPerGeneration());
            case StrategySpec.Hgm h -> new HuxleyGodelSearch(h.alpha(), h.cooldown(), h.minEvaluations());
            case StrategySpec.Islands i -> new IslandSearch(i);
        };
    }
}
