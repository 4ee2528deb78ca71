package dev.clade.orchestrator.strategy;

import dev.clade.orchestrator.strategy.ArchiveView.Node;
import dev.clade.orchestrator.strategy.StrategySpec.Feature;
import dev.clade.orchestrator.strategy.StrategySpec.Islands;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The islands of an archive as {@link IslandSearch} sees them, computed from the nodes alone (so a resumed campaign
 * finds the same islands, cells and migrants): each node's island is stored with it; the grid of an island is
 * recomputed by placing its scored nodes in number order, a node taking its cell when the cell is empty or it scores
 * strictly better; the root, when it scored, seeds every island's grid (it is no island's member); migrants are the
 * references each migration added. One pass over the archive.
 *
 * <ul>
 *   <li>A feature's cell is {@code floor((v - min) / (max - min) * bins)}, clamped to the grid, over the feature's
 *       given bounds or else the smallest and largest value among the archive's scored nodes; one value only, or a
 *       node without the feature: cell 0.
 *   <li>Migration {@code k} happens once {@code k * migrationInterval} experiments exist: the best {@code
 *       ceil(migrationRate * elites)} elites of every island among its nodes numbered up to then become migrants of
 *       the next island in the ring (island {@code islands - 1} sends to island 0). A migrant stays eligible as a
 *       parent of its new island; it is not placed in that island's grid.
 * </ul>
 */
public final class IslandMap {

    /** One migration: the nodes that island {@code from} sent to island {@code to} after {@code experiments}. */
    public record Migration(long experiments, int from, int to, List<Long> nodes) {
        public Migration {
            nodes = List.copyOf(nodes);
        }
    }

    private final Islands settings;
    private final Comparator<Node> better;
    private final double[] low;
    private final double[] high;
    private final List<List<Node>> members = new ArrayList<>();
    private final List<Map<List<Integer>, Node>> elites = new ArrayList<>();
    private final List<Map<Long, Node>> migrants = new ArrayList<>();
    private final List<Migration> migrations = new ArrayList<>();

    private IslandMap(Islands settings, Direction direction) {
        this.settings = settings;
        Comparator<Node> byScore = Comparator.comparingDouble(n -> n.score().getAsDouble());
        this.better = direction == Direction.MAXIMIZE ? byScore : byScore.reversed();
        this.low = new double[settings.features().size()];
        this.high = new double[settings.features().size()];
        for (int i = 0; i < settings.islands(); i++) {
            members.add(new ArrayList<>());
            elites.add(new LinkedHashMap<>());
            migrants.add(new TreeMap<>());
        }
    }

    /** The islands of {@code archive} under {@code settings}. */
    public static IslandMap of(ArchiveView archive, Islands settings) {
        IslandMap map = new IslandMap(settings, archive.direction());
        map.bounds(archive.nodes());
        map.place(archive.nodes());
        return map;
    }

    /** Whether a node has a score that can place it in a grid. */
    static boolean scored(Node n) {
        return n.state() == NodeState.SCORED && n.score().isPresent();
    }

    private void bounds(List<Node> nodes) {
        List<Feature> features = settings.features();
        for (int d = 0; d < features.size(); d++) {
            Feature f = features.get(d);
            if (f.min().isPresent()) {
                low[d] = f.min().getAsDouble();
                high[d] = f.max().getAsDouble();
                continue;
            }
            low[d] = Double.POSITIVE_INFINITY;
            high[d] = Double.NEGATIVE_INFINITY;
            for (Node n : nodes) {
                Double v = n.traits().get(f.name());
                if (scored(n) && v != null && Double.isFinite(v)) {
                    low[d] = Math.min(low[d], v);
                    high[d] = Math.max(high[d], v);
                }
            }
        }
    }

    /** Places every node in number order, taking each migration's snapshot as its experiment count is reached. */
    private void place(List<Node> nodes) {
        List<Node> ordered = new ArrayList<>(nodes);
        ordered.sort(Comparator.comparingLong(Node::number));
        long experiments = ordered.isEmpty() ? 0 : ordered.getLast().number();
        long interval = settings.migrationInterval();
        boolean migrate = interval > 0 && settings.islands() > 1 && settings.migrationRate() > 0;
        long nextMigration = interval;
        for (Node n : ordered) {
            while (migrate && n.number() > nextMigration) {
                migrate(nextMigration);
                nextMigration += interval;
            }
            if (n.root()) { // every island's seed: an elite of each grid, a member of none
                if (scored(n)) {
                    elites.forEach(grid -> grid.put(cell(n), n));
                }
                continue;
            }
            int island = n.island();
            if (island < 0 || island >= settings.islands()) {
                continue;
            }
            members.get(island).add(n);
            if (scored(n)) {
                elites.get(island)
                        .merge(
                                cell(n),
                                n,
                                (held, challenger) -> better.compare(challenger, held) > 0 ? challenger : held);
            }
        }
        while (migrate && experiments >= nextMigration) {
            migrate(nextMigration);
            nextMigration += interval;
        }
    }

    private void migrate(long experiments) {
        int k = settings.islands();
        for (int from = 0; from < k; from++) {
            List<Node> ranked = new ArrayList<>(elites.get(from).values());
            ranked.removeIf(Node::root); // already on every island
            ranked.sort(bestFirst());
            int count = (int) Math.ceil(settings.migrationRate() * ranked.size());
            List<Node> sent = ranked.subList(0, Math.min(count, ranked.size()));
            int to = (from + 1) % k;
            sent.forEach(n -> migrants.get(to).put(n.number(), n));
            if (!sent.isEmpty()) {
                migrations.add(new Migration(
                        experiments, from, to, sent.stream().map(Node::number).toList()));
            }
        }
    }

    /** The cell a node of an island holds or competes for: empty for the root, a node of no island, or an unscored one. */
    public Optional<List<Integer>> placeOf(Node n) {
        return n.island() >= 0 && scored(n) ? Optional.of(cell(n)) : Optional.empty();
    }

    /** The node's cell in its island's grid: one index per feature. */
    public List<Integer> cell(Node n) {
        List<Feature> features = settings.features();
        List<Integer> cell = new ArrayList<>(features.size());
        for (int d = 0; d < features.size(); d++) {
            Double v = n.traits().get(features.get(d).name());
            int index = 0;
            if (v != null && Double.isFinite(v) && high[d] > low[d]) {
                index = (int) Math.floor((v - low[d]) / (high[d] - low[d]) * settings.bins());
                index = Math.max(0, Math.min(settings.bins() - 1, index));
            }
            cell.add(index);
        }
        return List.copyOf(cell);
    }

    public int islands() {
        return settings.islands();
    }

    /** The nodes of an island in number order, whatever their state. */
    public List<Node> members(int island) {
        return List.copyOf(members.get(island));
    }

    /** The island's grid: each occupied cell and its elite. */
    public Map<List<Integer>, Node> elites(int island) {
        return Map.copyOf(elites.get(island));
    }

    /** The references other islands sent to this one, in number order. */
    public List<Node> migrants(int island) {
        return List.copyOf(migrants.get(island).values());
    }

    /** Every migration so far, oldest first. */
    public List<Migration> migrations() {
        return List.copyOf(migrations);
    }

    /** The eligible parents of an island: its elites and its migrants, in number order. */
    public List<Node> candidates(int island) {
        Map<Long, Node> all = new TreeMap<>(migrants.get(island));
        elites.get(island).values().forEach(n -> all.put(n.number(), n));
        return List.copyOf(all.values());
    }

    /** Scored nodes best first in the metric's direction; ties: the older first. */
    public Comparator<Node> bestFirst() {
        return better.reversed().thenComparingLong(Node::number);
    }

    /** The best eligible parent of an island (ties: the older). */
    public Optional<Node> best(int island) {
        return candidates(island).stream()
                .max(better.thenComparing(Comparator.comparingLong(Node::number).reversed()));
    }

    /** The lower and upper bound of each feature's grid, as this archive sets them. */
    public Map<String, double[]> bounds() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int d = 0; d < low.length; d++) {
            out.put(settings.features().get(d).name(), new double[] {low[d], high[d]});
        }
        return out;
    }

    /** How many children each node has, in any state and on any island. */
    static Map<Long, Integer> children(List<Node> nodes) {
        Map<Long, Integer> counts = new HashMap<>();
        for (Node n : nodes) {
            counts.merge(n.parent(), 1, Integer::sum);
        }
        return counts;
    }
}
