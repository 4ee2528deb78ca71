package dev.clade.orchestrator.strategy;

import dev.clade.agents.proposer.Operator;
import dev.clade.orchestrator.strategy.ArchiveView.Node;
import java.util.Arrays;
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
        Weights w = weights(archive, generationStart);
        if (w.numbers().length == 0) {
            return new Decision.Expand(archive.root().number(), Operator.DRAFT);
        }
        double draw = random.nextDouble();
        long chosen = -1;
        for (int i = 0; i < w.numbers().length; i++) {
            chosen = w.numbers()[i];
            draw -= w.weights()[i] / w.total();
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
        Weights w = weights(archive, before);
        Map<Long, Double> p = new LinkedHashMap<>();
        for (int i = 0; i < w.numbers().length; i++) {
            p.put(w.numbers()[i], w.weights()[i] / w.total());
        }
        return p;
    }

    /** The valid nodes older than a generation's start (in node order), their selection weights and their sum. */
    private record Weights(long[] numbers, double[] weights, double total) {}

    /** In two passes over the archive and one sort of the scores (no per-node scan, no boxed maps of ranks). */
    private Weights weights(ArchiveView archive, long before) {
        List<Node> nodes = archive.nodes();
        Map<Long, Integer> scoredChildren = new HashMap<>();
        int valid = 0;
        for (Node c : nodes) {
            if (c.state() == NodeState.SCORED) {
                scoredChildren.merge(c.parent(), 1, Integer::sum);
                if (c.number() < before && c.score().isPresent()) {
                    valid++;
                }
            }
        }
        long[] numbers = new long[valid];
        double[] oriented = new double[valid]; // larger is better
        int i = 0;
        for (Node n : nodes) {
            if (n.state() == NodeState.SCORED
                    && n.number() < before
                    && n.score().isPresent()) {
                double s = n.score().getAsDouble();
                numbers[i] = n.number();
                oriented[i++] = (archive.direction() == Direction.MINIMIZE ? -s : s) + 0.0; // no -0.0
            }
        }
        double[] rank = ranks(oriented);
        double[] weights = new double[valid];
        double total = 0;
        for (i = 0; i < valid; i++) {
            weights[i] = sigmoid(lambda * (rank[i] - alpha0)) / (1 + scoredChildren.getOrDefault(numbers[i], 0));
            total += weights[i];
        }
        return new Weights(numbers, weights, total);
    }

    /** Rank of each value in [0, 1]: the smallest 0, the largest 1, ties their mean; a lone value 1. */
    static double[] ranks(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = values.length;
        double[] ranks = new double[n];
        for (int i = 0; i < n; i++) {
            int first = bound(sorted, values[i], false);
            int last = bound(sorted, values[i], true) - 1;
            ranks[i] = n == 1 ? 1.0 : ((first + last) / 2.0) / (n - 1);
        }
        return ranks;
    }

    /** The first index of a sorted array whose value is not below {@code v} (with {@code after}: above it). */
    private static int bound(double[] sorted, double v, boolean after) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = Double.compare(sorted[mid], v);
            if (c < 0 || (after && c == 0)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
