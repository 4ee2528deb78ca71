package dev.clade.agents.ensemble;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Chooses the model of an ensemble ({@code proposer.models}) for the next proposal, from what each model's proposals
 * earned and cost so far.
 *
 * <ul>
 *   <li>{@code weighted}: a model with probability proportional to its weight.
 *   <li>{@code ucb}: a cost-aware UCB1. A model never tried yet comes first (in the ensemble's order). Otherwise each
 *       model's index is {@code mean reward / relative cost + sqrt(ln N / n)}, with n its finished proposals, N all
 *       models' together, and relative cost its mean dollars per proposal over the dearest model's (at least {@link
 *       #CHEAPEST}, so a free model counts as a twentieth of the dearest; 1 for all when no model cost anything). The
 *       highest index wins; ties go to the earlier model. Dividing the mean reward, not the exploration bonus, by the
 *       cost makes a cheap model that helps win more calls while a cheap one that never helps is still tried less and
 *       less often. The exploration bonus is UCB1's without its factor 2: with rewards of 1/2 to 1 for a child that
 *       beats its parent, UCB1's bonus would keep trying a model that never helps in a quarter of the proposals of a
 *       campaign of a few dozen experiments.
 * </ul>
 */
public final class ModelBandit {

    /** The smallest relative cost: how much a model's cheapness can multiply its mean reward at most (20 times). */
    public static final double CHEAPEST = 0.05;

    /** How a model is drawn. */
    public enum Selection {
        WEIGHTED,
        UCB;

        public String spelling() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One model with what its finished proposals earned and cost.
     *
     * @param proposals finished proposals (their children evaluated, or declined)
     * @param rewardSum sum of their rewards, each in [0, 1]
     * @param dollars what they cost
     */
    public record Arm(String label, double weight, long proposals, double rewardSum, double dollars) {
        public Arm {
            if (!(weight > 0) || proposals < 0 || rewardSum < 0 || rewardSum > proposals || dollars < 0) {
                throw new IllegalArgumentException(
                        "arm " + label + ": need weight > 0, 0 <= rewardSum <= proposals" + " and dollars >= 0");
            }
        }

        double meanCost() {
            return proposals == 0 ? 0 : dollars / proposals;
        }
    }

    private ModelBandit() {}

    /** The index of the model to call next. */
    public static int choose(List<Arm> arms, Selection selection, RandomGenerator random) {
        if (arms.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one model");
        }
        return switch (selection) {
            case WEIGHTED -> byWeight(arms, random);
            case UCB -> byIndex(arms);
        };
    }

    private static int byWeight(List<Arm> arms, RandomGenerator random) {
        double total = arms.stream().mapToDouble(Arm::weight).sum();
        double draw = random.nextDouble() * total;
        for (int i = 0; i < arms.size(); i++) {
            draw -= arms.get(i).weight();
            if (draw < 0) {
                return i;
            }
        }
        return arms.size() - 1;
    }

    private static int byIndex(List<Arm> arms) {
        double[] index = indexes(arms);
        int best = 0;
        for (int i = 1; i < index.length; i++) {
            if (index[i] > index[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Each model's UCB index; a model never tried has +infinity. */
    public static double[] indexes(List<Arm> arms) {
        long total = arms.stream().mapToLong(Arm::proposals).sum();
        double dearest = arms.stream().mapToDouble(Arm::meanCost).max().orElse(0);
        double[] index = new double[arms.size()];
        for (int i = 0; i < arms.size(); i++) {
            Arm a = arms.get(i);
            if (a.proposals() == 0) {
                index[i] = Double.POSITIVE_INFINITY;
                continue;
            }
            double relativeCost = dearest > 0 ? Math.max(CHEAPEST, a.meanCost() / dearest) : 1;
            index[i] = (a.rewardSum() / a.proposals()) / relativeCost + Math.sqrt(Math.log(total) / a.proposals());
        }
        return index;
    }
}
