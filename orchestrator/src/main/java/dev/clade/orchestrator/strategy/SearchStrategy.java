package dev.clade.orchestrator.strategy;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Chooses the next step of a campaign from the archive (DESIGN.md, "Strategies"). Budgets are the engine's concern;
 * a strategy reads what they still allow from {@link ArchiveView#budget()} and says what is most worth doing.
 * Implementations are stateless: everything they need is in the archive, which is what makes a restarted campaign
 * continue as if it had never stopped.
 */
public sealed interface SearchStrategy permits GreedySearch, DarwinGodelSearch, HuxleyGodelSearch, IslandSearch {

    /** The next step, drawing any randomness from {@code random} (seeded by the engine). */
    Decision next(ArchiveView archive, RandomGenerator random);

    /** Name used in specs and logs. */
    String kind();

    /**
     * Whether a new node is evaluated on every task as soon as it is committed (greedy, dgm), or only through {@link
     * Decision.Evaluate} decisions (hgm).
     */
    default boolean evaluatesOnExpand() {
        return true;
    }

    /** The campaign's answer, re-evaluated on the holdout stages: by default the best scored node. */
    default Optional<ArchiveView.Node> finalAnswer(ArchiveView archive) {
        return archive.best();
    }
}
