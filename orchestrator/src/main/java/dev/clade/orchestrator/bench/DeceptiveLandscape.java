package dev.clade.orchestrator.bench;

import dev.clade.orchestrator.bench.Trait.Lineage;
import java.util.random.RandomGenerator;

/**
 * Several basins on one behavioural dimension, the nearest one shallow: a node's utility is a function of its position
 * x in [0, 1], {@code u(x) = floor + max(shallow * g(x; 0.35, 0.10), deep * g(x; 0.75, 0.08))} with {@code g(x; c, w) =
 * exp(-((x - c) / w)^2)}, and a child's position is its parent's plus {@code N(0, }{@link Trait#STEP}{@code )}. The root
 * sits on the shallow basin's slope; the deep basin lies beyond a valley (around x = 0.55, utility about 0.11), so it is
 * reached only through nodes that score worse than their parents — what defeats a search that always expands the best
 * scorer, and what keeping the best node of every region (MAP-Elites) is for.
 */
public record DeceptiveLandscape(double floor, double shallow, double deep, double rootPosition, double level)
        implements Landscape {

    public DeceptiveLandscape {
        if (!(floor >= 0) || !(shallow >= 0) || !(deep >= 0) || floor + Math.max(shallow, deep) > 1) {
            throw new IllegalArgumentException("need floor, shallow and deep >= 0, floor + the deeper basin <= 1");
        }
        if (!(rootPosition >= 0 && rootPosition <= 1) || !(level >= 0 && level <= 1)) {
            throw new IllegalArgumentException("need rootPosition and level in [0, 1]");
        }
    }

    /** Floor 0.1, shallow basin 0.4 deep, the deep one 0.8, root at x = 0.25 (utility 0.247), level 0.6. */
    public static DeceptiveLandscape standard() {
        return new DeceptiveLandscape(0.1, 0.4, 0.8, 0.25, 0.6);
    }

    @Override
    public String name() {
        return "deceptive";
    }

    @Override
    public String description() {
        return "the deep basin lies beyond a valley of worse nodes";
    }

    /** The utility at position {@code x}. */
    public double utility(double x) {
        return Trait.clip(floor + Math.max(shallow * bump(x, 0.35, 0.10), deep * bump(x, 0.75, 0.08)));
    }

    private static double bump(double x, double centre, double width) {
        double z = (x - centre) / width;
        return Math.exp(-z * z);
    }

    @Override
    public Trait root() {
        double u = utility(rootPosition);
        return new Trait(u, u, Lineage.ROOT, rootPosition);
    }

    @Override
    public Trait child(Trait parent, RandomGenerator random) {
        double x = Trait.wander(parent, random);
        double u = utility(x);
        return new Trait(u, u, Lineage.BASINS, x);
    }
}
