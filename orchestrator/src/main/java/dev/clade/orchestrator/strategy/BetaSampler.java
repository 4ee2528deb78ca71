package dev.clade.orchestrator.strategy;

import java.util.random.RandomGenerator;

/** Draws from Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b) (Marsaglia and Tsang's gamma method). */
final class BetaSampler {

    private BetaSampler() {}

    static double sample(double a, double b, RandomGenerator random) {
        if (!(a > 0) || !(b > 0)) {
            throw new IllegalArgumentException("Beta parameters must be positive, got " + a + ", " + b);
        }
        double x = gamma(a, random);
        double y = gamma(b, random);
        return x / (x + y);
    }

    /** Marsaglia and Tsang, "A simple method for generating gamma variables" (2000); shape below 1 by boosting. */
    static double gamma(double shape, RandomGenerator random) {
        if (shape < 1) {
            double u = random.nextDouble();
            return gamma(shape + 1, random) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
