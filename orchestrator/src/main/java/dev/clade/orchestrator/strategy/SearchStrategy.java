package dev.clade.orchestrator.strategy;

import java.util.random.RandomGenerator;

/**
 * Chooses the next step of a campaign from the archive (DESIGN.md, "Strategies"). Budgets are the engine's concern;
 * a strategy only says what is most worth doing. Implementations are stateless: everything they need is in the
 * archive, which is what makes a restarted campaign continue as if it had never stopped.
 */
public sealed interface SearchStrategy permits GreedySearch {

    /** The next step, drawing any randomness from {@code random} (seeded by the engine). */
    Decision next(ArchiveView archive, RandomGenerator random);

    /** Name used in specs and logs. */
    String kind();
}
