package dev.clade.orchestrator.strategy;

import dev.clade.agents.proposer.Operator;
import dev.clade.orchestrator.strategy.ArchiveView.Node;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The Darwin Gödel Machine's open-ended archive (Zhang et al., 2025): every valid child joins the archive, and each
 * generation draws {@code childrenPerGeneration} parents from it with probability proportional to
 * {@code sigmoid(lambda * (s - alpha0)) / (1 + children)}, where {@code s} is the node's score normalised to [0, 1]
 * by rank in the archive (ties share their mean rank) and {@code children} counts its valid children. "Valid" here
 * means scored: it passed every search stage.
 *
 * <p>A generation is {@code childrenPerGeneration} consecutive nodes; its parents are drawn from the archive as it
 * stood when the generation began, so the strategy waits for the previous generation to be evaluated first.
 */
public record DarwinGodelSearch(double lambda, double alpha0, int childrenPerGeneration) implements SearchStrategy {

    public DarwinGodelSearch {
        if (!(lambda > 0) || alpha0 < 0 || alpha0 > 1 || childrenPerGeneration < 1) {
            throw new IllegalArgumentException("need lambda > 0, alpha0 in [0, 1] and childrenPerGeneration >= 1");
        }
    }

    @Override
    public String kind() {
        return "dgm";
    }

    @Override
    public Decision next(ArchiveView archive, RandomGenerator random) {
        if (!archive.budget().canExpand()) {
            return new Decision.Stop("experiment budget spent");
        }
        long generationStart = generationStart(archive);
        if (archive.nodes().stream()
                .anyMatch(n -> n.number() < generationStart && !n.state().finished())) {
            return new Decision.Wait();
        }
        Map<Long, Double> p = probabilities(archive, generationStart);
        if (p.isEmpty()) {
            return new Decision.Expand(archive.root().number(), Operator.DRAFT);
        }
        double draw = random.nextDouble();
        long chosen = -1;
        for (Map.Entry<Long, Double> e : p.entrySet()) {
            chosen = e.getKey();
            draw -= e.getValue();
            if (draw < 0) {
                break;
            }
        }
        return new Decision.Expand(chosen, Operator.IMPROVE);
    }

    /** Number of the first node of the generation the next node belongs to. */
    long generationStart(ArchiveView archive) {
        long made = archive.nodes().size() - 1L;
        return 1 + (made / childrenPerGeneration) * childrenPerGeneration;
    }

    /** Selection probabilities of the archive's valid nodes older than {@code before}, in node order. */
    Map<Long, Double> probabilities(ArchiveView archive, long before) {
        List<Node> valid = archive.nodes().stream()
                .filter(n -> n.number() < before
                        && n.state() == NodeState.SCORED
                        && n.score().isPresent())
                .toList();
        Map<Long, Double> rank = normalisedRanks(valid, archive.direction());
        Map<Long, Integer> scoredChildren = new HashMap<>(); // one pass: no scan of the archive per node
        for (Node c : archive.nodes()) {
            if (c.state() == NodeState.SCORED) {
                scoredChildren.merge(c.parent(), 1, Integer::sum);
            }
        }
        Map<Long, Double> weights = new LinkedHashMap<>();
        double total = 0;
        for (Node n : valid) {
            long children = scoredChildren.getOrDefault(n.number(), 0);
            double w = sigmoid(lambda * (rank.get(n.number()) - alpha0)) / (1 + children);
            weights.put(n.number(), w);
            total += w;
        }
        double sum = total;
        weights.replaceAll((k, w) -> w / sum);
        return weights;
    }

    /** Rank of each node's score in [0, 1]: the worst 0, the best 1, ties their mean; a lone node 1. */
    static Map<Long, Double> normalisedRanks(List<Node> nodes, Direction direction) {
        Comparator<Node> worstFirst = Comparator.comparingDouble(n -> n.score().getAsDouble());
        if (direction == Direction.MINIMIZE) {
            worstFirst = worstFirst.reversed();
        }
        List<Node> sorted = nodes.stream().sorted(worstFirst).toList();
        Map<Long, Double> ranks = new LinkedHashMap<>();
        int n = sorted.size();
        int i = 0;
        while (i < n) {
            int j = i;
            double score = sorted.get(i).score().getAsDouble();
            while (j + 1 < n && sorted.get(j + 1).score().getAsDouble() == score) {
                j++;
            }
            double mean = n == 1 ? 1.0 : ((i + j) / 2.0) / (n - 1);
            for (int k = i; k <= j; k++) {
                ranks.put(sorted.get(k).number(), mean);
            }
            i = j + 1;
        }
        return ranks;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
