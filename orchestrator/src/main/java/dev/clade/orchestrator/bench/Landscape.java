package dev.clade.orchestrator.bench;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A generative model of self-modifications: the hidden {@link Trait} of the starting program and of the child that
 * expanding a node produces. Implementations are pure functions of their parameters and the random source, so that a
 * seeded source reproduces the same tree of possible programs for every strategy.
 */
public sealed interface Landscape permits AlignedLandscape, MismatchLandscape, DeceptiveLandscape {

    /** Short name used in the report's title. */
    String name();

    /** One line on what makes this landscape easy or hard. */
    String description();

    /** The true utility whose first appearance the report times ("evaluations to reach"). */
    double level();

    /** The starting program. */
    Trait root();

    /** The trait of a new child of a node with trait {@code parent}, drawn from {@code random}. */
    Trait child(Trait parent, RandomGenerator random);

    /** The three landscapes of {@code clade bench strategies}, with their standard parameters. */
    static List<Landscape> standard() {
        return List.of(AlignedLandscape.standard(), MismatchLandscape.standard(), DeceptiveLandscape.standard());
    }
}
