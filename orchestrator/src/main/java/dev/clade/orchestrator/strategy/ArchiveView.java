package dev.clade.orchestrator.strategy;

import dev.clade.agents.proposer.Operator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An immutable snapshot of a campaign's archive, which is all a strategy sees.
 *
 * @param tasks the evaluator's task ids; a single implicit task when the evaluator declares none
 * @param budget what the budget still allows
 */
public record ArchiveView(List<Node> nodes, Direction direction, List<String> tasks, Budget budget) {

    /** The id of the one task of an evaluator that declares no tasks. */
    public static final String WHOLE = "*";

    /**
     * One node as strategies see it; {@code parent} is -1 for the root.
     *
     * @param score mean score over its evaluated tasks (failures count as the worst score), when it has one
     * @param evaluations finished task evaluations
     * @param utilitySum sum of the utilities in [0, 1] of those evaluations
     * @param tasksTried tasks evaluated or being evaluated
     * @param island the island the node belongs to ({@link IslandSearch}), or {@link #NO_ISLAND}
     * @param traits what the node is like, by name: its evaluator metrics (means over its scored tasks) and the built-in
     *     {@code lines}; what MAP-Elites places it by
     */
    public record Node(
            long number,
            long parent,
            Operator operator,
            NodeState state,
            OptionalDouble score,
            int evaluations,
            double utilitySum,
            Set<String> tasksTried,
            int island,
            Map<String, Double> traits) {

        /** The island of a node of a strategy without islands, and of the root. */
        public static final int NO_ISLAND = -1;

        public Node {
            tasksTried = Set.copyOf(tasksTried);
            traits = Map.copyOf(traits);
            if (utilitySum < 0 || utilitySum > evaluations) {
                throw new IllegalArgumentException("utility sum " + utilitySum + " outside [0, " + evaluations + "]");
            }
        }

        /** A node on no island and without traits. */
        public Node(
                long number,
                long parent,
                Operator operator,
                NodeState state,
                OptionalDouble score,
                int evaluations,
                double utilitySum,
                Set<String> tasksTried) {
            this(number, parent, operator, state, score, evaluations, utilitySum, tasksTried, NO_ISLAND, Map.of());
        }

        /** A node with no task-level information: evaluated once when it has a score. */
        public Node(long number, long parent, Operator operator, NodeState state, OptionalDouble score) {
            this(
                    number,
                    parent,
                    operator,
                    state,
                    score,
                    state.finished() && state != NodeState.INVALID ? 1 : 0,
                    0,
                    Set.of());
        }

        public boolean root() {
            return parent < 0;
        }

        /** Committed and not discarded: a node that can be evaluated or expanded. */
        public boolean usable() {
            return state != NodeState.PROPOSING && state != NodeState.INVALID;
        }
    }

    /**
     * @param canExpand experiments remain
     * @param canEvaluate task evaluations remain (beyond those a new node's own evaluation uses)
     * @param evaluationsUsed task evaluations started so far
     * @param evaluationBudget the campaign's total of task evaluations, or -1 when it has none
     */
    public record Budget(boolean canExpand, boolean canEvaluate, long evaluationsUsed, long evaluationBudget) {
        public static Budget unlimited() {
            return new Budget(true, true, 0, -1);
        }
    }

    public ArchiveView {
        nodes = List.copyOf(nodes);
        tasks = List.copyOf(tasks);
    }

    /** An archive of an evaluator without tasks and no budget limits (tests, simple strategies). */
    public ArchiveView(List<Node> nodes, Direction direction) {
        this(nodes, direction, List.of(WHOLE), Budget.unlimited());
    }

    public Optional<Node> node(long number) {
        return nodes.stream().filter(n -> n.number() == number).findFirst();
    }

    public Node root() {
        return nodes.stream().filter(Node::root).findFirst().orElseThrow(() -> new IllegalStateException("no root"));
    }

    public List<Node> children(long number) {
        return nodes.stream().filter(n -> n.parent() == number).toList();
    }

    public long count(Operator operator) {
        return nodes.stream().filter(n -> n.operator() == operator).count();
    }

    public boolean anyInFlight() {
        return nodes.stream().anyMatch(n -> !n.state().finished());
    }

    /** Finished task evaluations over the whole archive. */
    public long evaluations() {
        return nodes.stream().mapToLong(Node::evaluations).sum();
    }

    /** The scored node with the best score; ties go to the older node. */
    public Optional<Node> best() {
        Comparator<Node> byScore = Comparator.comparingDouble(n -> n.score().getAsDouble());
        if (direction == Direction.MINIMIZE) {
            byScore = byScore.reversed();
        }
        return nodes.stream()
                .filter(n -> n.state() == NodeState.SCORED && n.score().isPresent())
                .max(byScore.thenComparing(
                        Comparator.comparingLong(Node::number).reversed()));
    }

    /** The node and all its descendants (its clade, in HGM's words). */
    public List<Node> clade(long number) {
        Map<Long, List<Node>> byParent = nodes.stream().collect(Collectors.groupingBy(Node::parent));
        List<Node> clade = new ArrayList<>();
        List<Long> frontier = new ArrayList<>(List.of(number));
        node(number).ifPresent(clade::add);
        while (!frontier.isEmpty()) {
            long next = frontier.removeLast();
            for (Node child : byParent.getOrDefault(next, List.of())) {
                clade.add(child);
                frontier.add(child.number());
            }
        }
        return clade;
    }

    /**
     * Pooled utilities of every node's clade, computed in one pass: number → {utility sum, evaluations}. A child is
     * always newer than its parent, so walking from the newest node down adds every clade to its parent's once its
     * own is complete.
     */
    public Map<Long, double[]> cladeUtilities() {
        Map<Long, double[]> sums = new HashMap<>();
        for (Node n : nodes) {
            sums.put(n.number(), new double[] {n.utilitySum(), n.evaluations()});
        }
        List<Node> newestFirst = new ArrayList<>(nodes);
        newestFirst.sort(Comparator.comparingLong(Node::number).reversed());
        for (Node n : newestFirst) {
            double[] parent = sums.get(n.parent());
            if (parent != null && n.parent() != n.number()) {
                double[] own = sums.get(n.number());
                parent[0] += own[0];
                parent[1] += own[1];
            }
        }
        return sums;
    }

    /** The nodes by number. */
    public Map<Long, Node> byNumber() {
        return nodes.stream().collect(Collectors.toMap(Node::number, Function.identity()));
    }

    /** The numbers of the nodes that have at least one child. */
    public Set<Long> parents() {
        return nodes.stream().map(Node::parent).collect(Collectors.toSet());
    }

    /** How many repairs in a row led to this node (0 when it was not made by a repair). */
    public int debugDepth(Node node) {
        return debugDepth(node, byNumber());
    }

    /** As {@link #debugDepth(Node)}, with the nodes by number at hand (one map for many questions). */
    public static int debugDepth(Node node, Map<Long, Node> byNumber) {
        int depth = 0;
        Node current = node;
        while (current != null && current.operator() == Operator.DEBUG) {
            depth++;
            current = byNumber.get(current.parent());
        }
        return depth;
    }
}
