package dev.clade.orchestrator.engine;

/** Reproducible randomness: every node and decision draws from its own stream of the campaign's seed. */
final class Seeds {

    private Seeds() {}

    /** SplitMix64 of a seed and a counter: independent, reproducible streams per node. */
    static long mix(long seed, long n) {
        long z = seed + 0x9E3779B97F4A7C15L * (n + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
