package dev.clade.orchestrator.engine;

import dev.clade.agents.ensemble.ModelBandit;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.campaign.ProposerSpec;
import dev.clade.orchestrator.cost.CostService.NodeCalls;
import dev.clade.orchestrator.strategy.Direction;
import dev.clade.orchestrator.strategy.NodeState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each model of a campaign did, read from the archive and the calls: its calls and dollars, the proposals it
 * made (a node is the model's whose proposer meta names it, or, for a declined proposal, whose calls do), how many of
 * their children beat their parents, and the rewards an ensemble's bandit learns from.
 *
 * <p>A finished proposal's reward is 0 unless its child scored better than its scored parent; then it is {@code 0.5 +
 * 0.5 Δ / Δmax}, Δ the improvement and Δmax the largest improvement any child of the campaign made: an improvement
 * counts at least one half, the biggest one 1, whatever the evaluator's scale.
 *
 * @param model provider:model
 * @param calls model calls, proposals' and any other (a distiller's calls count for the model it uses)
 * @param dollars what those calls cost
 * @param proposals finished proposals (child evaluated, or proposal declined)
 * @param improvements children that scored better than their parent
 * @param rewardSum the sum of the proposals' rewards
 */
public record ModelUsage(
        String model, long calls, double dollars, long proposals, long improvements, double rewardSum) {

    /**
     * Every model that made a call or is one of {@code members} (an ensemble's labels, in its order, first; none
     * without an ensemble).
     */
    static List<ModelUsage> of(List<String> members, List<NodeInfo> nodes, List<NodeCalls> calls, Direction direction) {
        Map<String, double[]> byModel = new LinkedHashMap<>(); // calls, dollars, proposals, improvements, rewards
        members.forEach(label -> byModel.put(label, new double[5]));
        Map<Long, Map<String, NodeCalls>> byNode = new HashMap<>();
        for (NodeCalls c : calls) {
            byModel.computeIfAbsent(c.model(), k -> new double[5]);
            byModel.get(c.model())[0] += c.calls();
            byModel.get(c.model())[1] += c.usd();
            byNode.computeIfAbsent(c.node(), k -> new LinkedHashMap<>()).put(c.model(), c);
        }
        Map<Long, NodeInfo> byNumber = new HashMap<>();
        nodes.forEach(n -> byNumber.put(n.number(), n));
        double sign = direction == Direction.MAXIMIZE ? 1 : -1;
        double largest = 0;
        for (NodeInfo n : nodes) {
            largest = Math.max(largest, improvement(n, byNumber, sign).orElse(0.0));
        }
        for (NodeInfo n : nodes) {
            if (n.number() == 0 || !n.state().finished()) {
                continue;
            }
            Optional<String> model = Optional.ofNullable(n.meta().get("model"))
                    .or(() -> byNode.getOrDefault(n.number(), Map.of()).keySet().stream()
                            .findFirst());
            if (model.isEmpty()) {
                continue;
            }
            double[] row = byModel.computeIfAbsent(model.get(), k -> new double[5]);
            row[2]++;
            Optional<Double> gain = improvement(n, byNumber, sign).filter(d -> d > 0);
            if (gain.isPresent()) {
                row[3]++;
                row[4] += 0.5 + 0.5 * gain.get() / largest;
            }
        }
        List<ModelUsage> out = new ArrayList<>();
        byModel.forEach(
                (label, r) -> out.add(new ModelUsage(label, (long) r[0], r[1], (long) r[2], (long) r[3], r[4])));
        return out;
    }

    /** The labels of an ensemble's members, in its order; none for a single model or the offline proposer. */
    static List<String> members(ProposerSpec proposer) {
        return proposer instanceof ProposerSpec.Llm llm
                ? llm.models().stream().map(m -> m.model().label()).toList()
                : List.of();
    }

    /** How much a scored node beat its scored parent (in the direction of the metric), when both are scored. */
    private static Optional<Double> improvement(NodeInfo n, Map<Long, NodeInfo> byNumber, double sign) {
        if (n.state() != NodeState.SCORED || n.score().isEmpty() || n.parent().isEmpty()) {
            return Optional.empty();
        }
        NodeInfo parent = byNumber.get(n.parent().get());
        if (parent == null
                || parent.state() != NodeState.SCORED
                || parent.score().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(sign * (n.score().getAsDouble() - parent.score().getAsDouble()));
    }

    /** The bandit's arm for this model: its proposals, their rewards, and the dollars of all its calls. */
    ModelBandit.Arm arm(double weight) {
        return new ModelBandit.Arm(model, weight, proposals, Math.min(rewardSum, proposals), dollars);
    }
}
