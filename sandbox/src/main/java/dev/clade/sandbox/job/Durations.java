package dev.clade.sandbox.job;

import java.time.Duration;
import java.util.Objects;

/** The checks of the durations in a backend's settings. */
final class Durations {

    private Durations() {}

    /**
     * @throws NullPointerException when {@code duration} is null, with {@code name} as the message
     * @throws IllegalArgumentException when it is zero or negative
     */
    static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }

    /**
     * @throws NullPointerException when {@code duration} is null, with {@code name} as the message
     * @throws IllegalArgumentException when it is negative
     */
    static void requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + duration);
        }
    }
}
