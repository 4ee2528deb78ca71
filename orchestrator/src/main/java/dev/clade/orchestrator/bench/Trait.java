package dev.clade.orchestrator.bench;

/**
 * The hidden truth about one simulated node, which no strategy sees.
 *
 * @param utility the node's own true utility: the probability that it solves any one task, in [0, 1]
 * @param potential what its children inherit, in [0, 1]; equal to {@code utility} where the landscape makes no
 *     difference between the two
 * @param lineage the kind of change that made the node (and its ancestors, back to the root's child)
 * @param position where the node lies on the landscape's one behavioural dimension, in [0, 1]: what the simulation
 *     shows strategies as the node's {@code lines} trait (so MAP-Elites has something to place it by); the deceptive
 *     landscape's utility depends on it, the others let it wander
 */
public record Trait(double utility, double potential, Lineage lineage, double position) {

    /** How far a child's position moves from its parent's, as a standard deviation. */
    static final double STEP = 0.08;

    /** A trait in the middle of the behavioural dimension. */
    public Trait(double utility, double potential, Lineage lineage) {
        this(utility, potential, lineage, 0.5);
    }

    /** Kinds of lineages; the mismatch landscape uses the last two. */
    public enum Lineage {
        /** The starting program. */
        ROOT,
        /** A lineage of the deceptive landscape, whose utility is a function of the position. */
        BASINS,
        /** A lineage of the aligned landscape, where own performance and potential are the same thing. */
        PLAIN,
        /** Own utility above its potential (a shortcut that scores now), and descendants that degrade. */
        FLASHY,
        /** Own utility equal to a potential that keeps growing down the lineage. */
        STEADY
    }

    public Trait {
        if (!(utility >= 0 && utility <= 1) || !(potential >= 0 && potential <= 1)) {
            throw new IllegalArgumentException(
                    "utility and potential must lie in [0, 1], got " + utility + ", " + potential);
        }
        if (!(position >= 0 && position <= 1)) {
            throw new IllegalArgumentException("position must lie in [0, 1], got " + position);
        }
        if (lineage == null) {
            throw new IllegalArgumentException("lineage is required");
        }
    }

    /** The position of a child of {@code parent}, drawn last from the child's source (earlier draws stay as they were). */
    static double wander(Trait parent, java.util.random.RandomGenerator random) {
        return clip(parent.position() + STEP * random.nextGaussian());
    }

    /** {@code value} clipped to [0, 1]. */
    static double clip(double value) {
        return Math.max(0, Math.min(1, value));
    }
}
