package dev.clade.orchestrator.archive;

import java.util.OptionalDouble;

/**
 * What a campaign has spent besides experiments and evaluations, as the loop measures it when it reserves work.
 *
 * @param activeMillis time the campaign has been active, summed over its runs
 * @param dollarsLeft what its dollar budget still allows; empty when it has none
 */
public record Spending(long activeMillis, OptionalDouble dollarsLeft) {

    /** Nothing spent: only experiments and evaluations bound the reservation. */
    public static Spending none() {
        return new Spending(0, OptionalDouble.empty());
    }
}
