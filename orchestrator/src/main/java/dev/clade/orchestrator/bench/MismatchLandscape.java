package dev.clade.orchestrator.bench;

import dev.clade.orchestrator.bench.Trait.Lineage;
import java.util.random.RandomGenerator;

/**
 * The metaproductivity–performance mismatch of the Huxley-Gödel Machine paper (Wang et al., 2025): a node's own
 * performance misleads about its descendants', because children inherit a hidden potential q rather than the
 * parent's own utility p.
 *
 * <ul>
 *   <li>A child of the root starts a {@link Lineage#FLASHY} lineage with probability {@code flashyShare}, otherwise a
 *       {@link Lineage#STEADY} one; every later child keeps its parent's lineage.
 *   <li>Potential drifts down the lineage: {@code q' = clip(q + drift + N(0, sigma))}, with drift {@code flashyDrift}
 *       (negative: the shortcut damages what the lineage can build on) or {@code steadyDrift} (positive).
 *   <li>Own utility: {@code p = q} for a steady node; {@code p = clip(q + boost)} for a flashy one, which is what
 *       lures a strategy that expands the best scorer.
 * </ul>
 *
 * With the standard parameters a flashy child of the root scores about 0.5 against a steady one's 0.35, flashy
 * descendants lose 0.1 per generation, and steady ones gain 0.05, so the steady lineage overtakes the best flashy
 * node after about five generations. Pooled over a lineage, which is what clade metaproductivity estimates, the steady
 * lineage's utilities draw level with the flashy one's after three generations and pull ahead from the fourth.
 */
public record MismatchLandscape(
        double rootUtility,
        double flashyShare,
        double boost,
        double flashyDrift,
        double steadyDrift,
        double sigma,
        double level)
        implements Landscape {

    public MismatchLandscape {
        if (!(rootUtility >= 0 && rootUtility <= 1)
                || !(flashyShare >= 0 && flashyShare <= 1)
                || !(boost >= 0)
                || !(sigma >= 0)
                || !(level >= 0 && level <= 1)) {
            throw new IllegalArgumentException(
                    "need rootUtility, flashyShare and level in [0, 1], boost >= 0 and sigma >= 0");
        }
    }

    /** Root 0.3, half the root's children flashy, boost 0.3, drifts −0.1 and +0.05, noise 0.05, level 0.6. */
    public static MismatchLandscape standard() {
        return new MismatchLandscape(0.3, 0.5, 0.3, -0.1, 0.05, 0.05, 0.6);
    }

    @Override
    public String name() {
        return "mismatch";
    }

    @Override
    public String description() {
        return "own performance misleads; potential is inherited";
    }

    @Override
    public Trait root() {
        return new Trait(rootUtility, rootUtility, Lineage.ROOT);
    }

    @Override
    public Trait child(Trait parent, RandomGenerator random) {
        Lineage lineage = parent.lineage() == Lineage.ROOT
                ? (random.nextDouble() < flashyShare ? Lineage.FLASHY : Lineage.STEADY)
                : parent.lineage();
        double drift = lineage == Lineage.FLASHY ? flashyDrift : steadyDrift;
        double q = Trait.clip(parent.potential() + drift + sigma * random.nextGaussian());
        double p = lineage == Lineage.FLASHY ? Trait.clip(q + boost) : q;
        return new Trait(p, q, lineage, Trait.wander(parent, random));
    }
}
