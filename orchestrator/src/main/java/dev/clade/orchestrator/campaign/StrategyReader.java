package dev.clade.orchestrator.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clade.orchestrator.strategy.StrategySpec;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code strategy} field of a spec: a kind and its parameters, checked against the ranges the kind allows. */
final class StrategyReader {

    private StrategyReader() {}

    static StrategySpec read(Fields f, JsonNode node) {
        f.onlyKnown(node, "strategy", Set.of("kind", "params"));
        String kind = f.text(node, "strategy", "kind", false).orElse("greedy");
        Optional<List<StrategySpec.Param>> allowed = StrategySpec.params(kind);
        if (allowed.isEmpty()) {
            f.problem(
                    "strategy.kind",
                    "'" + kind + "' is not available; allowed: " + String.join(", ", StrategySpec.kinds()));
            return StrategySpec.of("greedy", Map.of());
        }
        Map<String, Double> params = new LinkedHashMap<>();
        JsonNode given = node.get("params");
        if (given != null && !given.isNull()) {
            Set<String> names = new HashSet<>();
            allowed.get().forEach(p -> names.add(p.name()));
            f.onlyKnown(given, "strategy.params", names);
            for (StrategySpec.Param p : allowed.get()) {
                JsonNode v = given.get(p.name());
                if (v == null) {
                    continue;
                }
                String path = "strategy.params." + p.name();
                if (!v.isNumber()
                        || v.asDouble() < p.min()
                        || v.asDouble() > p.max()
                        || (p.integer() && !v.isIntegralNumber())) {
                    f.problem(
                            path,
                            Fields.describe(v) + " is not allowed; use " + p.allowed() + " (" + p.meaning() + ")");
                } else {
                    params.put(p.name(), v.asDouble());
                }
            }
        }
        return StrategySpec.of(kind, params);
    }
}
