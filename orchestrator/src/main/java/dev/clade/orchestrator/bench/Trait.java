package dev.clade.orchestrator.bench;

/**
 * The hidden truth about one simulated node, which no strategy sees.
 *
 * @param utility the node's own true utility: the probability that it solves any one task, in [0, 1]
 * @param potential what its children inherit, in [0, 1]; equal to {@code utility} where the landscape makes no
 *     difference between the two
 * @param lineage the kind of change that made the node (and its ancestors, back to the root's child)
 */
public record Trait(double utility, double potential, Lineage lineage) {

    /** Kinds of lineages; the mismatch landscape uses the last two. */
    public enum Lineage {
        /** The starting program. */
        ROOT,
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
        if (lineage == null) {
            throw new IllegalArgumentException("lineage is required");
        }
    }

    /** {@code value} clipped to [0, 1]. */
    static double clip(double value) {
        return Math.max(0, Math.min(1, value));
    }
}
