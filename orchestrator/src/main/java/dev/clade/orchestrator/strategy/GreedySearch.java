package dev.clade.orchestrator.strategy;

import dev.clade.agents.proposer.Operator;
import dev.clade.orchestrator.strategy.ArchiveView.Node;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Greedy tree search as in AIDE and KAPSO: draft a few children of the root, then with probability {@code
 * debugProbability} repair a failed leaf (at most {@code maxDebugDepth} repairs in a row), otherwise improve the best
 * scored node. When nothing is scored yet and work is in flight it waits; when nothing is in flight it drafts again.
 */
public record GreedySearch(int drafts, double debugProbability, int maxDebugDepth) implements SearchStrategy {

    public GreedySearch {
        if (drafts < 0 || maxDebugDepth < 0 || debugProbability < 0 || debugProbability > 1) {
            throw new IllegalArgumentException("drafts and maxDebugDepth must be >= 0, debugProbability in [0, 1]");
        }
    }

    @Override
    public String kind() {
        return "greedy";
    }

    @Override
    public Decision next(ArchiveView archive, RandomGenerator random) {
        if (!archive.budget().canExpand()) {
            return new Decision.Stop("experiment budget spent");
        }
        Node root = archive.root();
        if (archive.count(Operator.DRAFT) < drafts) {
            return new Decision.Expand(root.number(), Operator.DRAFT);
        }
        if (random.nextDouble() < debugProbability) {
            Set<Long> parents = archive.parents();
            Map<Long, Node> byNumber = archive.byNumber();
            List<Node> repairable = archive.nodes().stream()
                    .filter(n -> n.state().broken() && !n.root())
                    .filter(n -> !parents.contains(n.number()))
                    .filter(n -> ArchiveView.debugDepth(n, byNumber) < maxDebugDepth)
                    .toList();
            if (!repairable.isEmpty()) {
                Node leaf = repairable.get(random.nextInt(repairable.size()));
                return new Decision.Expand(leaf.number(), Operator.DEBUG);
            }
        }
        Optional<Node> best = archive.best();
        if (best.isPresent()) {
            return new Decision.Expand(best.get().number(), Operator.IMPROVE);
        }
        if (archive.anyInFlight()) {
            return new Decision.Wait();
        }
        return new Decision.Expand(root.number(), Operator.DRAFT);
    }
}
