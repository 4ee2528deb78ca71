package dev.clade.orchestrator.bench;

import dev.clade.orchestrator.bench.Trait.Lineage;
import java.util.random.RandomGenerator;

/**
 * Own performance is what children inherit: a child's utility is its parent's plus Gaussian noise, {@code clip(p +
 * N(mu, sigma))}, clipped to [0, 1]. Good performers have good children, so expanding the best-scoring node is the
 * right instinct, and the only difficulty is that scores are noisy estimates of the utility.
 */
public record AlignedLandscape(double rootUtility, double mu, double sigma, double level) implements Landscape {

    public AlignedLandscape {
        if (!(rootUtility >= 0 && rootUtility <= 1) || !(sigma >= 0) || !(level >= 0 && level <= 1)) {
            throw new IllegalArgumentException("need rootUtility and level in [0, 1] and sigma >= 0");
        }
    }

    /** Root 0.3; a change moves the utility by N(0, 0.08); level 0.5. */
    public static AlignedLandscape standard() {
        return new AlignedLandscape(0.3, 0.0, 0.08, 0.5);
    }

    @Override
    public String name() {
        return "aligned";
    }

    @Override
    public String description() {
        return "own performance is what children inherit";
    }

    @Override
    public Trait root() {
        return new Trait(rootUtility, rootUtility, Lineage.ROOT);
    }

    @Override
    public Trait child(Trait parent, RandomGenerator random) {
        double p = Trait.clip(parent.utility() + mu + sigma * random.nextGaussian());
        return new Trait(p, p, Lineage.PLAIN, Trait.wander(parent, random));
    }
}
