package dev.clade.orchestrator.engine;

import dev.clade.agents.proposer.NodeSummary;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.strategy.ArchiveView;
import dev.clade.orchestrator.strategy.IslandMap;
import dev.clade.orchestrator.strategy.StrategySpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What a proposal on an island is shown besides its parent, as OpenEvolve's prompts do: elites of the island's other
 * cells (the best first: different kinds of program that work) and then the island's best programs, each with its
 * idea, its score and its change from the parent. The offline proposer recombines with the first of them, an elite of
 * another cell when there is one.
 */
final class IslandInspirations {

    /** Elites of other cells shown, then the island's best programs. */
    static final int OTHER_CELLS = 3;

    static final int TOP = 3;

    /** The most of one diff a prompt gets. */
    static final int DIFF_CHARS = 2_000;

    private IslandInspirations() {}

    /** The inspirations of a proposal of {@code node} (on its island) from {@code parent}. */
    static List<NodeSummary> of(RunContext run, StrategySpec.Islands settings, NodeInfo node, NodeInfo parent) {
        if (node.island() < 0) {
            return List.of();
        }
        ArchiveView view = run.archive().view(run.campaignId(), run.plan());
        IslandMap map = IslandMap.of(view, settings);
        int island = node.island();
        Comparator<ArchiveView.Node> bestFirst = map.bestFirst();
        ArchiveView.Node parentView = view.byNumber().get(parent.number());
        List<Integer> parentCell = parentView != null && parentView.island() == island
                ? map.placeOf(parentView).orElse(null)
                : null;
        Map<Long, ArchiveView.Node> chosen = new LinkedHashMap<>();
        map.elites(island).entrySet().stream()
                .filter(e -> !e.getKey().equals(parentCell) && e.getValue().number() != parent.number())
                .map(Map.Entry::getValue)
                .sorted(bestFirst)
                .limit(OTHER_CELLS)
                .forEach(n -> chosen.put(n.number(), n));
        map.candidates(island).stream()
                .filter(n -> n.number() != parent.number() && !chosen.containsKey(n.number()))
                .sorted(bestFirst)
                .limit(TOP)
                .forEach(n -> chosen.put(n.number(), n));
        ObjectId from = ObjectId.fromString(parent.commitId().orElseThrow());
        List<NodeSummary> out = new ArrayList<>();
        for (long number : chosen.keySet()) {
            NodeInfo info = run.node(number);
            String diff = info.commitId()
                    .map(c -> run.repo().diff(from, ObjectId.fromString(c)))
                    .orElse("");
            out.add(info.summary().withDiff(abbreviate(diff)));
        }
        return out;
    }

    private static String abbreviate(String diff) {
        return diff.length() <= DIFF_CHARS
                ? diff
                : diff.substring(0, DIFF_CHARS) + "\n... (" + (diff.length() - DIFF_CHARS) + " more characters)";
    }
}
