package dev.clade.orchestrator.archive;

import dev.clade.agents.proposer.NodeSummary;
import dev.clade.orchestrator.strategy.ArchiveView;
import dev.clade.orchestrator.strategy.Direction;
import dev.clade.orchestrator.strategy.NodeState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The archive of a campaign that runs in this process, kept in memory beside PostgreSQL: loaded once when the run
 * starts, then changed by {@link ArchiveService} in the same transactions that change the rows, so that strategies
 * decide, proposers get their context and readers list nodes without reading the whole archive back per question.
 * PostgreSQL stays the record: a run that starts again loads it anew. Thread-safe.
 */
final class LiveArchive {

    private final TreeMap<Long, NodeInfo> nodes = new TreeMap<>();
    private final Map<Long, ArchiveView.Node> viewed = new HashMap<>();
    private final Map<Long, Set<String>> tried = new HashMap<>();
    private final Map<Long, Long> numbers = new HashMap<>();
    private final Map<Long, TreeSet<Long>> children = new HashMap<>();
    private final TreeSet<ScoredKey> scored = new TreeSet<>();
    private final Direction direction;
    private long triedTotal;
    private long version;

    /** A scored node in best-first order (ties: the older first). */
    private record ScoredKey(double best, long number) implements Comparable<ScoredKey> {
        @Override
        public int compareTo(ScoredKey o) {
            int c = Double.compare(best, o.best);
            return c != 0 ? c : Long.compare(number, o.number);
        }
    }

    LiveArchive(List<Node> rows, List<TaskResult> results, Direction direction) {
        this.direction = direction;
        for (Node n : rows) {
            numbers.put(n.id, n.number);
        }
        for (TaskResult r : results) {
            Long number = numbers.get(r.nodeId);
            if (number != null
                    && tried.computeIfAbsent(number, k -> new HashSet<>()).add(r.task)) {
                triedTotal++;
            }
        }
        for (Node n : rows) {
            put(NodeInfo.of(n));
        }
    }

    /** Adds or replaces a node as its row now reads. */
    synchronized void put(NodeInfo node) {
        version++;
        NodeInfo before = nodes.put(node.number(), node);
        numbers.put(node.id(), node.number());
        if (before != null) {
            ScoredKey was = key(before);
            if (was != null) {
                scored.remove(was);
            }
        } else {
            node.parent()
                    .ifPresent(p ->
                            children.computeIfAbsent(p, k -> new TreeSet<>()).add(node.number()));
        }
        ScoredKey now = key(node);
        if (now != null) {
            scored.add(now);
        }
        viewed.put(node.number(), viewOf(node));
    }

    /** A task evaluation of a node started (its result row exists now). */
    synchronized void tried(long nodeId, String task) {
        Long number = numbers.get(nodeId);
        if (number != null
                && tried.computeIfAbsent(number, k -> new HashSet<>()).add(task)) {
            triedTotal++;
            version++;
            NodeInfo node = nodes.get(number);
            if (node != null) {
                viewed.put(number, viewOf(node));
            }
        }
    }

    /** A number that moves with every change: what was read at one version holds until it moves. */
    synchronized long version() {
        return version;
    }

    /** The experiments started so far: the newest node's number (nodes are numbered from 1 as they are reserved). */
    synchronized long experimentsStarted() {
        return nodes.isEmpty() ? 0 : nodes.lastKey();
    }

    /** The task evaluations started so far, as the budget counts them. */
    synchronized long triedTotal() {
        return triedTotal;
    }

    /** The nodes as strategies see them, in number order. */
    synchronized List<ArchiveView.Node> viewNodes() {
        List<ArchiveView.Node> out = new ArrayList<>(nodes.size());
        for (Long number : nodes.keySet()) {
            out.add(viewed.get(number));
        }
        return out;
    }

    synchronized List<NodeInfo> all() {
        return List.copyOf(nodes.values());
    }

    synchronized Optional<NodeInfo> find(long number) {
        return Optional.ofNullable(nodes.get(number));
    }

    synchronized Optional<NodeInfo> byId(long id) {
        Long number = numbers.get(id);
        return number == null ? Optional.empty() : Optional.ofNullable(nodes.get(number));
    }

    /** As {@link ProposalContext#of}, from the indexes: the parent's children and the best nodes, not every node. */
    synchronized ProposalContext context(long parentNumber, long childNumber) {
        NodeInfo parent = nodes.get(parentNumber);
        if (parent == null) {
            throw new IllegalStateException("no node " + parentNumber);
        }
        Optional<NodeSummary> grandparent = parent.parent().map(nodes::get).map(NodeInfo::summary);
        List<NodeSummary> siblings = new ArrayList<>();
        for (long c : children.getOrDefault(parentNumber, new TreeSet<>())) {
            NodeInfo child = nodes.get(c);
            if (c != childNumber && child.state().finished()) {
                siblings.add(child.summary());
            }
        }
        List<NodeSummary> inspirations = new ArrayList<>();
        for (ScoredKey k : scored) {
            if (inspirations.size() == ProposalContext.INSPIRATIONS) {
                break;
            }
            inspirations.add(nodes.get(k.number()).summary());
        }
        return new ProposalContext(parent, grandparent, siblings, inspirations);
    }

    private ScoredKey key(NodeInfo n) {
        if (n.state() != NodeState.SCORED || n.score().isEmpty()) {
            return null;
        }
        double s = n.score().getAsDouble();
        return new ScoredKey(direction == Direction.MAXIMIZE ? -s : s, n.number());
    }

    private ArchiveView.Node viewOf(NodeInfo n) {
        return new ArchiveView.Node(
                n.number(),
                n.parent().orElse(-1L),
                n.operator(),
                n.state(),
                n.score(),
                n.evaluations(),
                Math.min(n.utilitySum(), n.evaluations()),
                tried.getOrDefault(n.number(), Set.of()),
                n.island(),
                n.traits());
    }

    /** Compares with a fresh load, for tests: whether memory and PostgreSQL agree. */
    synchronized boolean sameAs(LiveArchive other) {
        return nodes.equals(other.nodes) && viewed.equals(other.viewed) && triedTotal == other.triedTotal;
    }
}
