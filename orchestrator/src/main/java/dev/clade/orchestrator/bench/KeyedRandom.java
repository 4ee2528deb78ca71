package dev.clade.orchestrator.bench;

import java.util.SplittableRandom;

/**
 * Random draws addressed by a key rather than by the order of the calls (common random numbers): the k-th child of a
 * node, and a node's outcome on a task, are the same for every strategy that asks for them under the same seed, so
 * strategies are compared on the same tree of possible programs and the same task outcomes.
 */
final class KeyedRandom {

    private static final long CHILD = 0x9E3779B97F4A7C15L;
    private static final long TASK = 0xC2B2AE3D27D4EB4FL;
    private static final long STRATEGY = 0x165667B19E3779F9L;

    private KeyedRandom() {}

    /** The key of the root of the tree drawn for {@code seed}. */
    static long rootKey(long seed) {
        return mix(seed);
    }

    /** The key of the {@code index}-th child (from 0) of the node with key {@code parent}. */
    static long childKey(long parent, int index) {
        return mix(parent ^ mix(CHILD + index));
    }

    /** The source from which the landscape draws the node with key {@code key}. */
    static SplittableRandom forNode(long key) {
        return new SplittableRandom(mix(key ^ CHILD));
    }

    /** A uniform draw in [0, 1) for the node with key {@code key} on task {@code task}. */
    static double uniform(long key, int task) {
        return (mix(key ^ mix(TASK + task)) >>> 11) * 0x1.0p-53;
    }

    /** The source of a strategy's own randomness for {@code seed}. */
    static SplittableRandom forStrategy(long seed) {
        return new SplittableRandom(mix(seed ^ STRATEGY));
    }

    /** SplitMix64's finaliser (Steele, Lea and Flood, 2014). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
