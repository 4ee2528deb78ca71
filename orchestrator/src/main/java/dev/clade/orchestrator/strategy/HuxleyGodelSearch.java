package dev.clade.orchestrator.strategy;

import dev.clade.agents.proposer.Operator;
import dev.clade.orchestrator.strategy.ArchiveView.Node;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The Huxley-Gödel Machine (Wang et al., 2025): search guided by clade metaproductivity (CMP), the promise of a
 * node's whole clade (itself and its descendants) rather than its own score.
 *
 * <ul>
 *   <li>Each evaluation of a node on a task yields a utility u in [0, 1]. A node's CMP is estimated from the pooled
 *       utilities of its clade: Beta(1 + Σu, 1 + Σ(1 − u)).
 *   <li>Expand when (evaluations so far)^alpha ≥ number of nodes, choosing the parent by Thompson sampling from the
 *       clade posteriors; otherwise evaluate, choosing the node by Thompson sampling from its own results among the
 *       nodes with an untried task, and an untried task of it at random.
 *   <li>Cool-down, as in the HGM code: with a total of N task evaluations of which n are used, both Beta parameters are
 *       multiplied by (N / (N − n))^cooldown, which sharpens the posteriors and so exploits near the end of the budget
 *       (cooldown 0 turns it off).
 *   <li>Final answer, which the original leaves undefined: the node with the highest posterior mean of its own
 *       utilities among those with at least {@code minEvaluations} evaluations (or as many as there are tasks).
 * </ul>
 */
public record HuxleyGodelSearch(double alpha, double cooldown, int minEvaluations) implements SearchStrategy {

    public HuxleyGodelSearch {
        if (!(alpha > 0) || cooldown < 0 || minEvaluations < 1) {
            throw new IllegalArgumentException("need alpha > 0, cooldown >= 0 and minEvaluations >= 1");
        }
    }

    @Override
    public String kind() {
        return "hgm";
    }

    @Override
    public boolean evaluatesOnExpand() {
        return false;
    }

    @Override
    public Decision next(ArchiveView archive, RandomGenerator random) {
        ArchiveView.Budget budget = archive.budget();
        long nodes = archive.nodes().stream().filter(Node::usable).count();
        boolean expandTurn = Math.pow(budget.evaluationsUsed(), alpha) >= nodes;
        List<Node> evaluable = budget.canEvaluate()
                ? archive.nodes().stream()
                        .filter(Node::usable)
                        .filter(n -> n.tasksTried().size() < archive.tasks().size())
                        .toList()
                : List.of();
        if (budget.canExpand() && (expandTurn || evaluable.isEmpty())) {
            Optional<Long> parent = chooseParent(archive, random);
            if (parent.isPresent()) {
                return new Decision.Expand(parent.get(), Operator.IMPROVE);
            }
        }
        if (!evaluable.isEmpty()) {
            double scale = scale(budget);
            Node node = argmax(
                    evaluable,
                    n -> BetaSampler.sample(
                            scale * (1 + n.utilitySum()), scale * (1 + n.evaluations() - n.utilitySum()), random));
            List<String> untried = archive.tasks().stream()
                    .filter(t -> !node.tasksTried().contains(t))
                    .toList();
            return new Decision.Evaluate(node.number(), untried.get(random.nextInt(untried.size())));
        }
        if (archive.anyInFlight()
                || archive.nodes().stream().anyMatch(n -> n.tasksTried().size() > n.evaluations())) {
            return new Decision.Wait();
        }
        return new Decision.Stop("nothing left to expand or evaluate within the budget");
    }

    /** Thompson sampling over the clade posteriors of the nodes whose clade has been evaluated at least once. */
    Optional<Long> chooseParent(ArchiveView archive, RandomGenerator random) {
        Map<Long, double[]> clades = archive.cladeUtilities();
        double scale = scale(archive.budget());
        List<Node> candidates = archive.nodes().stream()
                .filter(Node::usable)
                .filter(n -> clades.get(n.number())[1] > 0)
                .toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(argmax(candidates, n -> {
                    double[] c = clades.get(n.number());
                    return BetaSampler.sample(scale * (1 + c[0]), scale * (1 + c[1] - c[0]), random);
                })
                .number());
    }

    /** The cool-down factor (N / (N − n))^cooldown; 1 without a budget of evaluations or with cool-down off. */
    double scale(ArchiveView.Budget budget) {
        long total = budget.evaluationBudget();
        long used = budget.evaluationsUsed();
        if (cooldown == 0 || total <= 0 || used >= total) {
            return 1;
        }
        return Math.pow((double) total / (total - used), cooldown);
    }

    @Override
    public Optional<Node> finalAnswer(ArchiveView archive) {
        int needed = Math.min(minEvaluations, archive.tasks().size());
        Comparator<Node> belief = Comparator.comparingDouble(HuxleyGodelSearch::posteriorMean)
                .thenComparingInt(Node::evaluations)
                .thenComparing(Comparator.comparingLong(Node::number).reversed());
        Optional<Node> confident = archive.nodes().stream()
                .filter(n -> n.usable() && n.evaluations() >= needed)
                .max(belief);
        return confident.or(() -> archive.nodes().stream()
                .filter(n -> n.usable() && n.evaluations() > 0)
                .max(belief));
    }

    /** Posterior mean of a node's own utility under a uniform prior: (1 + Σu) / (2 + n). */
    static double posteriorMean(Node node) {
        return posteriorMeanOf(node.utilitySum(), node.evaluations());
    }

    /**
     * The mean of Beta(1 + Σu, 1 + Σ(1 − u)) after {@code evaluations} utilities summing to {@code utilitySum}: a node's
     * belief from its own results, or its clade's metaproductivity estimate from the clade's pooled ones (HGM).
     */
    public static double posteriorMeanOf(double utilitySum, double evaluations) {
        return (1 + utilitySum) / (2 + evaluations);
    }

    private static Node argmax(List<Node> nodes, java.util.function.ToDoubleFunction<Node> draw) {
        Node best = null;
        double top = Double.NEGATIVE_INFINITY;
        for (Node n : nodes) {
            double v = draw.applyAsDouble(n);
            if (v > top) {
                top = v;
                best = n;
            }
        }
        return best;
    }
}
