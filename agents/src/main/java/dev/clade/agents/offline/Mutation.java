package dev.clade.agents.offline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Gaussian perturbation of parameters, scaled to each parameter's range. */
final class Mutation {

    /** Bounds this many times apart (lower bound positive) are searched in log space. */
    private static final double LOG_SCALE_RATIO = 100;

    private Mutation() {}

    /**
     * Perturbs a random subset of the parameters: each with probability {@code share} (at least one; with share 0,
     * one or two).
     */
    static OfflineProposer.Change perturb(
            List<Parameter> params, Map<String, Double> from, double step, double share, Random random, String how) {
        List<Parameter> chosen = new ArrayList<>();
        for (Parameter p : params) {
            if (random.nextDouble() < share) {
                chosen.add(p);
            }
        }
        if (chosen.isEmpty()) {
            chosen.add(params.get(random.nextInt(params.size())));
            if (share == 0.0 && params.size() > 1 && random.nextDouble() < 0.3) {
                Parameter second = params.get(random.nextInt(params.size()));
                if (!chosen.contains(second)) {
                    chosen.add(second);
                }
            }
        }
        Map<String, Double> values = new LinkedHashMap<>(from);
        for (Parameter p : chosen) {
            values.put(p.key(), perturb(p, from.get(p.key()), step, random));
        }
        return new OfflineProposer.Change(values, how);
    }

    static double perturb(Parameter p, double value, double step, Random random) {
        double gaussian = random.nextGaussian();
        double next;
        if (p.bounded() && p.lower() > 0 && p.upper() / p.lower() >= LOG_SCALE_RATIO) {
            double span = Math.log(p.upper() / p.lower());
            next = Math.exp(Math.log(Math.max(value, p.lower())) + step * 0.5 * span * gaussian);
        } else if (p.bounded()) {
            next = value + step * 0.5 * (p.upper() - p.lower()) * gaussian;
        } else if (value != 0) {
            next = value * Math.exp(step * 2 * gaussian);
        } else {
            next = step * gaussian;
        }
        double fitted = p.fit(next);
        if (p.integer() && fitted == Math.round(value)) {
            fitted = p.fit(value + (gaussian >= 0 ? 1 : -1));
        }
        return fitted;
    }
}
