package dev.clade.orchestrator.archive;

import dev.clade.agents.proposer.NodeSummary;
import dev.clade.agents.proposer.Operator;
import dev.clade.orchestrator.strategy.NodeState;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** An immutable copy of a node row, safe to hand out of a transaction. */
public record NodeInfo(
        long id,
        long number,
        Optional<Long> parent,
        Operator operator,
        NodeState state,
        Optional<String> branch,
        Optional<String> commitId,
        String idea,
        Map<String, String> meta,
        OptionalDouble score,
        String reason,
        String feedback,
        int evaluations,
        double utilitySum,
        int attempts,
        int island,
        Map<String, Double> traits) {

    public NodeInfo {
        meta = Map.copyOf(meta);
        traits = Map.copyOf(traits);
        idea = idea == null ? "" : idea;
        reason = reason == null ? "" : reason;
        feedback = feedback == null ? "" : feedback;
    }

    /** The root of a campaign stored before its target was imported: no commit, nothing evaluated yet. */
    public static NodeInfo notImported() {
        return new NodeInfo(
                0,
                0,
                Optional.empty(),
                dev.clade.agents.proposer.Operator.ROOT,
                NodeState.COMMITTED,
                Optional.empty(),
                Optional.empty(),
                "baseline: the target, being imported",
                Map.of(),
                OptionalDouble.empty(),
                "",
                "",
                0,
                0,
                0,
                dev.clade.orchestrator.strategy.ArchiveView.Node.NO_ISLAND,
                Map.of());
    }

    static NodeInfo of(Node node) {
        return new NodeInfo(
                node.id,
                node.number,
                Optional.ofNullable(node.parentNumber),
                node.operator,
                node.state,
                Optional.ofNullable(node.branch),
                Optional.ofNullable(node.commitId),
                node.idea,
                MetaJson.read(node.meta),
                node.scoreValue(),
                node.reason,
                node.feedback,
                node.evaluations,
                node.utilitySum,
                node.attempts,
                node.island == null ? dev.clade.orchestrator.strategy.ArchiveView.Node.NO_ISLAND : node.island,
                MetaJson.readNumbers(node.traits));
    }

    private Map<String, String> withIdea() {
        if (idea.isBlank() || meta.containsKey("idea")) {
            return meta;
        }
        java.util.Map<String, String> m = new java.util.HashMap<>(meta);
        m.put("idea", idea.lines().findFirst().orElse(idea));
        return m;
    }

    /** What a proposer may see of this node: never a holdout result. */
    public NodeSummary summary() {
        boolean failed = state.broken() || state == NodeState.INVALID;
        return new NodeSummary(
                number,
                state == NodeState.SCORED ? score : OptionalDouble.empty(),
                failed,
                failed ? reason : feedback,
                withIdea());
    }
}
