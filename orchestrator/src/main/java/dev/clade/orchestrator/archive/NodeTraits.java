package dev.clade.orchestrator.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clade.orchestrator.evaluation.EvaluationResult;
import dev.clade.orchestrator.evaluation.StageOutcome;
import dev.clade.orchestrator.strategy.StrategySpec;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node's traits as its scored tasks add to them: each numeric metric of a task's last search stage, averaged over
 * the node's scored tasks. Built-in traits measured at commit ({@code lines}) keep their value whatever a metric of
 * the same name says.
 */
final class NodeTraits {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Enough for any grid; an evaluator printing more metrics has the rest ignored here (they stay in its rows). */
    private static final int MOST = 64;

    private NodeTraits() {}

    /**
     * {@code traits} with the metrics of one more scored task folded in, {@code scoredTasks} counting that task: the
     * running mean m + (v − m) / k of each metric over the tasks that reported it.
     */
    static Map<String, Double> withMetrics(Map<String, Double> traits, EvaluationResult.Scored task, long scoredTasks) {
        Map<String, Double> out = new TreeMap<>(traits);
        if (task.runs().isEmpty() || !(task.runs().getLast().outcome() instanceof StageOutcome.Scored last)) {
            return out;
        }
        JsonNode metrics;
        try {
            metrics = JSON.readTree(last.metricsJson());
        } catch (JsonProcessingException e) {
            return out; // the protocol reader checked it already; nothing to fold in
        }
        long k = Math.max(1, scoredTasks);
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (!e.getValue().isNumber()
                    || !Double.isFinite(e.getValue().asDouble())
                    || name.equals(StrategySpec.Feature.LINES)
                    || (!out.containsKey(name) && out.size() >= MOST)) {
                continue;
            }
            double v = e.getValue().asDouble();
            Double mean = out.get(name);
            out.put(name, mean == null || k == 1 ? v : mean + (v - mean) / k);
        }
        return out;
    }
}
