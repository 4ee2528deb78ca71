package dev.clade.orchestrator.bench;

import dev.clade.agents.proposer.Operator;
import dev.clade.orchestrator.strategy.ArchiveView;
import dev.clade.orchestrator.strategy.Decision;
import dev.clade.orchestrator.strategy.Direction;
import dev.clade.orchestrator.strategy.NodeState;
import dev.clade.orchestrator.strategy.SearchStrategy;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One strategy searching one {@link Landscape} for one seed, under a budget of task evaluations, with no engine,
 * proposer or database: the strategy sees an {@link ArchiveView} built from the simulated archive, and its decisions
 * are carried out at once.
 *
 * <ul>
 *   <li>Evaluating a node on a task yields utility 1 with probability its true utility, else 0; a node is evaluated at
 *       most once per task. A node's score is its mean observed utility (direction maximize).
 *   <li>The root is evaluated on every task before the search starts, as a campaign's baseline is; that costs nothing.
 *   <li>A strategy that {@link SearchStrategy#evaluatesOnExpand() evaluates on expand} pays one evaluation per task
 *       for each new node, so it may expand only while that many remain; the others pay one per {@link
 *       Decision.Evaluate} and may expand while any remains.
 *   <li>Everything finishes before the next decision, so nothing is ever in flight: a {@link Decision.Wait} ends the
 *       run, as a {@link Decision.Stop} does. A decision the budget cannot pay, or about a node or task that cannot be
 *       evaluated, is a bug of the strategy and throws {@link IllegalStateException}.
 *   <li>Each node shows strategies one trait, {@code lines}: its {@link Trait#position() position} times 100, the
 *       behaviour MAP-Elites places it by; a child joins the island its decision names.
 *   <li>Children and task outcomes are drawn by {@link KeyedRandom} from the seed and the node's place in the tree, so
 *       every strategy faces the same tree and the same outcomes for the same seed.
 * </ul>
 *
 * Not thread-safe; run it once.
 */
public final class SimulatedCampaign {

    private final Landscape landscape;
    private final SearchStrategy strategy;
    private final List<String> tasks;
    private final long budget;
    private final long seed;
    private final List<SimNode> nodes = new ArrayList<>();
    private long used;
    private long reachedAt = -1;

    public SimulatedCampaign(Landscape landscape, SearchStrategy strategy, int tasks, long budget, long seed) {
        if (tasks < 1 || budget < 0) {
            throw new IllegalArgumentException("need at least one task and a budget >= 0");
        }
        this.landscape = landscape;
        this.strategy = strategy;
        this.tasks = IntStream.range(0, tasks).mapToObj(i -> "t" + i).toList();
        this.budget = budget;
        this.seed = seed;
    }

    /** Runs the strategy until it stops or waits, which every strategy does once the budget is spent. */
    public RunResult run() {
        if (!nodes.isEmpty()) {
            throw new IllegalStateException("a simulated campaign runs once");
        }
        SimNode root = add(-1, Operator.ROOT, landscape.root(), KeyedRandom.rootKey(seed));
        IntStream.range(0, tasks.size()).forEach(root::evaluate);
        RandomGenerator random = KeyedRandom.forStrategy(seed);
        long maxDecisions = 4 * (budget + tasks.size()) + 16;
        String end = null;
        for (long decisions = 0; end == null; decisions++) {
            if (decisions > maxDecisions) {
                throw new IllegalStateException(strategy.kind() + " made " + decisions + " decisions for " + used
                        + " evaluations without stopping");
            }
            switch (strategy.next(view(), random)) {
                case Decision.Expand e -> expand(e);
                case Decision.Evaluate e -> evaluate(e);
                case Decision.Wait w -> end = "asked to wait, which a sequential simulation cannot satisfy";
                case Decision.Stop s -> end = s.reason();
            }
        }
        return result(end);
    }

    private void expand(Decision.Expand decision) {
        SimNode parent = node(decision.parent());
        long cost = newNodeCost();
        if (used + cost > budget) {
            throw new IllegalStateException(strategy.kind() + " expanded with " + (budget - used)
                    + " evaluations left; a new node needs " + cost);
        }
        long key = KeyedRandom.childKey(parent.key, parent.children++);
        Trait trait = landscape.child(parent.trait, KeyedRandom.forNode(key));
        SimNode child = add(parent.number, decision.operator(), trait, key);
        child.island = decision.island();
        if (reachedAt < 0 && trait.utility() >= landscape.level()) {
            reachedAt = used;
        }
        if (strategy.evaluatesOnExpand()) {
            IntStream.range(0, tasks.size()).forEach(child::evaluate);
            used += cost;
        }
    }

    private void evaluate(Decision.Evaluate decision) {
        SimNode node = node(decision.node());
        int task = tasks.indexOf(decision.task());
        if (task < 0 || node.tried.get(task)) {
            throw new IllegalStateException(strategy.kind() + " asked to evaluate node " + node.number + " on task "
                    + decision.task() + ", which is unknown or already evaluated");
        }
        if (used >= budget) {
            throw new IllegalStateException(strategy.kind() + " asked for an evaluation beyond the budget");
        }
        node.evaluate(task);
        used++;
    }

    private long newNodeCost() {
        return strategy.evaluatesOnExpand() ? tasks.size() : 0;
    }

    private ArchiveView view() {
        long left = budget - used;
        boolean canExpand = strategy.evaluatesOnExpand() ? left >= tasks.size() : left >= 1;
        return new ArchiveView(
                nodes.stream().map(SimNode::view).toList(),
                Direction.MAXIMIZE,
                tasks,
                new ArchiveView.Budget(canExpand, left > 0, used, budget));
    }

    private RunResult result(String end) {
        double best = nodes.stream().mapToDouble(n -> n.trait.utility()).max().orElseThrow();
        double answer = strategy.finalAnswer(view())
                .map(n -> node(n.number()).trait.utility())
                .orElse(nodes.getFirst().trait.utility());
        OptionalLong reached = reachedAt >= 0 ? OptionalLong.of(reachedAt) : OptionalLong.empty();
        return new RunResult(best, answer, reached, nodes.size() - 1, used, end);
    }

    private SimNode add(long parent, Operator operator, Trait trait, long key) {
        SimNode node = new SimNode(nodes.size(), parent, operator, trait, key);
        nodes.add(node);
        if (parent < 0 && trait.utility() >= landscape.level()) {
            reachedAt = 0;
        }
        return node;
    }

    private SimNode node(long number) {
        if (number < 0 || number >= nodes.size()) {
            throw new IllegalStateException(strategy.kind() + " named node " + number + ", which does not exist");
        }
        return nodes.get((int) number);
    }

    /** A node of the simulated archive, with its hidden trait and the view strategies get of it (cached). */
    private final class SimNode {
        final long number;
        final long parent;
        final Operator operator;
        final Trait trait;
        final long key;
        final BitSet tried = new BitSet();
        int children;
        int island = ArchiveView.Node.NO_ISLAND;
        double utilitySum;
        ArchiveView.Node view;

        SimNode(long number, long parent, Operator operator, Trait trait, long key) {
            this.number = number;
            this.parent = parent;
            this.operator = operator;
            this.trait = trait;
            this.key = key;
        }

        void evaluate(int task) {
            tried.set(task);
            utilitySum += KeyedRandom.uniform(key, task) < trait.utility() ? 1 : 0;
            view = null;
        }

        ArchiveView.Node view() {
            if (view == null) {
                int evaluations = tried.cardinality();
                Set<String> names = tried.stream().mapToObj(tasks::get).collect(Collectors.toSet());
                view = new ArchiveView.Node(
                        number,
                        parent,
                        operator,
                        evaluations > 0 ? NodeState.SCORED : NodeState.COMMITTED,
                        evaluations > 0 ? OptionalDouble.of(utilitySum / evaluations) : OptionalDouble.empty(),
                        evaluations,
                        utilitySum,
                        names,
                        island,
                        Map.of("lines", Math.round(trait.position() * 1000) / 10.0));
            }
            return view;
        }
    }
}
