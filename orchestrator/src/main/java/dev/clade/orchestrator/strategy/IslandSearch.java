package dev.clade.orchestrator.strategy;

import dev.clade.agents.proposer.Operator;
import dev.clade.orchestrator.strategy.ArchiveView.Node;
import dev.clade.orchestrator.strategy.StrategySpec.Islands;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Population search as OpenEvolve and ShinkaEvolve do it: {@code islands} sub-populations seeded from the root, each a
 * MAP-Elites grid over the spec's features, with ring migration ({@link IslandMap} says how the archive becomes
 * islands, cells and migrants). Islands take turns by the number of the node to be made; an island whose nodes are
 * all in flight passes its turn to the next.
 *
 * <ul>
 *   <li>A parent is drawn from the island's elites (the scored root among them, until a better node takes its cell)
 *       and migrants; a child of the root is an improvement of the starting program, as OpenEvolve seeds its islands.
 *   <li>With no scored root, an island with no node yet, or whose nodes all failed and none is in flight, gets a draft
 *       from the root.
 *   <li>{@code ratios}: with probability {@code exploitation} the best of the elites and migrants, with {@code
 *       exploration} one of them at random, else any scored node of the island at random. {@code weighted} (ShinkaEvolve): each with weight {@code sigmoid(lambda (s - median) / MAD) /
 *       (1 + children)}, s its score (negated when minimising), median and MAD (median absolute deviation) over the
 *       candidates; a MAD of 0 makes every sigmoid 1/2.
 *   <li>The child joins the island that chose its parent, a migrant's child too.
 * </ul>
 */
public record IslandSearch(Islands settings) implements SearchStrategy {

    @Override
    public String kind() {
        return "islands";
    }

    @Override
    public Decision next(ArchiveView archive, RandomGenerator random) {
        if (!archive.budget().canExpand()) {
            return new Decision.Stop("experiment budget spent");
        }
        IslandMap map = IslandMap.of(archive, settings);
        long next = archive.nodes().stream().mapToLong(Node::number).max().orElse(0) + 1;
        int k = settings.islands();
        for (int turn = 0; turn < k; turn++) {
            int island = (int) ((next + turn) % k);
            List<Node> members = map.members(island);
            List<Node> candidates = map.candidates(island);
            if (!candidates.isEmpty()) {
                Node parent = choose(map, island, candidates, archive, random);
                return new Decision.Expand(parent.number(), Operator.IMPROVE, island);
            }
            if (members.stream().allMatch(n -> n.state().finished())) {
                return new Decision.Expand(archive.root().number(), Operator.DRAFT, island);
            }
        }
        return new Decision.Wait();
    }

    private Node choose(IslandMap map, int island, List<Node> candidates, ArchiveView archive, RandomGenerator random) {
        return switch (settings.selection()) {
            case RATIOS -> byRatios(map, island, candidates, random);
            case WEIGHTED -> byWeight(candidates, IslandMap.children(archive.nodes()), archive.direction(), random);
        };
    }

    private Node byRatios(IslandMap map, int island, List<Node> candidates, RandomGenerator random) {
        double u = random.nextDouble();
        if (u < settings.exploitation()) {
            return map.best(island).orElseThrow();
        }
        if (u < settings.exploitation() + settings.exploration()) {
            return candidates.get(random.nextInt(candidates.size()));
        }
        List<Node> scored =
                map.members(island).stream().filter(IslandMap::scored).toList();
        List<Node> pool = scored.isEmpty() ? candidates : scored;
        return pool.get(random.nextInt(pool.size()));
    }

    /** ShinkaEvolve's weighted draw over the candidates (see the class comment). */
    Node byWeight(List<Node> candidates, Map<Long, Integer> children, Direction direction, RandomGenerator random) {
        double[] weights = weights(candidates, children, direction);
        double total = Arrays.stream(weights).sum();
        double draw = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return candidates.get(i);
            }
        }
        return candidates.getLast();
    }

    /** The unnormalised weight of each candidate under {@code weighted} selection. */
    double[] weights(List<Node> candidates, Map<Long, Integer> children, Direction direction) {
        double sign = direction == Direction.MAXIMIZE ? 1 : -1;
        double[] s = candidates.stream()
                .mapToDouble(n -> sign * n.score().getAsDouble())
                .toArray();
        double median = median(s.clone());
        double mad = median(Arrays.stream(s).map(v -> Math.abs(v - median)).toArray());
        double[] w = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            double x = mad > 0 ? settings.lambda() * (s[i] - median) / mad : 0;
            w[i] = (1 / (1 + Math.exp(-x)))
                    / (1 + children.getOrDefault(candidates.get(i).number(), 0));
        }
        return w;
    }

    private static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
