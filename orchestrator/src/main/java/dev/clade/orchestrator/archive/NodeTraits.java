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
 * the scored tasks that reported it (their count kept beside it, as {@code count.<metric>}). Built-in traits measured
 * at commit ({@code lines}, {@code novelty}) keep their value whatever a metric of the same name says.
 */
final class NodeTraits {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Enough for any grid; an evaluator printing more metrics has the rest ignored here (they stay in its rows). */
    private static final int MOST = 64;

    /** Traits measured by Clade, never a metric's: a metric of the same name is ignored. */
    private static final java.util.Set<String> BUILT_IN = java.util.Set.of(StrategySpec.Feature.LINES, "novelty");

    /** The prefix of a metric's count of reporting tasks (no metric name has a dot, so no feature can name it). */
    static final String COUNT = "count.";

    private NodeTraits() {}

    /**
     * {@code traits} with the metrics of one more scored task folded in: the running mean m + (v − m) / k of each metric
     * over the k tasks that reported it.
     */
    static Map<String, Double> withMetrics(Map<String, Double> traits, EvaluationResult.Scored task) {
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
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (!e.getValue().isNumber()
                    || !Double.isFinite(e.getValue().asDouble())
                    || BUILT_IN.contains(name)
                    || (!out.containsKey(name) && out.size() >= 2 * MOST)) {
                continue;
            }
            double v = e.getValue().asDouble();
            Double mean = out.get(name);
            double k = out.getOrDefault(COUNT + name, 0.0) + 1; // the tasks that reported it, this one included
            out.put(name, mean == null ? v : mean + (v - mean) / k);
            out.put(COUNT + name, k);
        }
        return out;
    }
}
