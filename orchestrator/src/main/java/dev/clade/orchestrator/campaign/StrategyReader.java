package dev.clade.orchestrator.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clade.orchestrator.strategy.StrategySpec;
import dev.clade.orchestrator.strategy.StrategySpec.Feature;
import dev.clade.orchestrator.strategy.StrategySpec.Selection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code strategy} field of a spec: a kind and its parameters, checked against the ranges the kind allows. */
final class StrategyReader {

    private static final Pattern METRIC = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String FEATURES = "features";
    private static final String SELECTION = "selection";
    private static final List<String> RATIOS = List.of("exploitation", "exploration", "random");

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
        boolean islands = kind.equals("islands");
        Map<String, Double> params = new LinkedHashMap<>();
        List<Feature> features = StrategySpec.Islands.DEFAULT_FEATURES;
        Selection selection = Selection.RATIOS;
        JsonNode given = node.get("params");
        if (given != null && !given.isNull()) {
            Set<String> names = new HashSet<>();
            allowed.get().forEach(p -> names.add(p.name()));
            if (islands) {
                names.addAll(List.of(FEATURES, SELECTION));
            }
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
            if (islands) {
                features = features(f, given.get(FEATURES)).orElse(features);
                selection = selection(f, given.get(SELECTION)).orElse(selection);
            }
        }
        if (islands) {
            return islands(f, params, features, selection);
        }
        return StrategySpec.of(kind, params);
    }

    private static StrategySpec islands(
            Fields f, Map<String, Double> params, List<Feature> features, Selection selection) {
        Map<String, Double> defaults = StrategySpec.of("islands", Map.of()).values();
        double sum = RATIOS.stream()
                .mapToDouble(r -> params.getOrDefault(r, defaults.get(r)))
                .sum();
        if (Math.abs(sum - 1) > 1e-9) {
            f.problem(
                    "strategy.params",
                    "exploitation + exploration + random must add up to 1; they add up to "
                            + Math.round(sum * 1e6) / 1e6);
            params.keySet().removeAll(RATIOS);
        }
        return StrategySpec.of("islands", params, features, selection);
    }

    /** The grid's features: metric names or {@code {name, min, max}} mappings, one to three, each named once. */
    private static Optional<List<Feature>> features(Fields f, JsonNode given) {
        if (given == null || given.isNull()) {
            return Optional.empty();
        }
        String path = "strategy.params." + FEATURES;
        if (!given.isArray() || given.isEmpty() || given.size() > 3) {
            f.problem(
                    path,
                    "expected a list of one to three features (metric names, or " + Feature.LINES + "), got "
                            + Fields.describe(given));
            return Optional.empty();
        }
        List<Feature> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String at = path + "[" + i + "]";
            JsonNode item = given.get(i);
            Optional<Feature> feature = item.isObject() ? bounded(f, at, item) : named(f, at, item);
            if (feature.isEmpty()) {
                continue;
            }
            if (!seen.add(feature.get().name())) {
                f.problem(at, "'" + feature.get().name() + "' is named twice; each feature is one dimension");
                continue;
            }
            out.add(feature.get());
        }
        return out.size() == given.size() ? Optional.of(out) : Optional.empty();
    }

    private static Optional<Feature> named(Fields f, String at, JsonNode item) {
        if (!item.isTextual()) {
            f.problem(at, "expected a metric name or {name, min, max}, got " + Fields.describe(item));
            return Optional.empty();
        }
        return name(f, at, item.asText()).map(Feature::of);
    }

    private static Optional<Feature> bounded(Fields f, String at, JsonNode item) {
        f.onlyKnown(item, at, Set.of("name", "min", "max"));
        Optional<String> name = f.text(item, at, "name", true).flatMap(n -> name(f, at + ".name", n));
        OptionalDouble min = f.number(item, at, "min");
        OptionalDouble max = f.number(item, at, "max");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (min.isPresent() != max.isPresent() || (min.isPresent() && !(min.getAsDouble() < max.getAsDouble()))) {
            f.problem(at, "give both min and max, min below max, or neither (the grid then spans the values seen)");
            return Optional.empty();
        }
        return Optional.of(new Feature(name.get(), min, max));
    }

    private static Optional<String> name(Fields f, String at, String name) {
        if (!METRIC.matcher(name).matches()) {
            f.problem(at, "'" + name + "' is not a metric name (letters, digits and '_') nor " + Feature.LINES);
            return Optional.empty();
        }
        return Optional.of(name);
    }

    private static Optional<Selection> selection(Fields f, JsonNode given) {
        if (given == null || given.isNull()) {
            return Optional.empty();
        }
        Optional<Selection> selection = Arrays.stream(Selection.values())
                .filter(s -> given.isTextual() && s.spelling().equals(given.asText()))
                .findFirst();
        if (selection.isEmpty()) {
            f.problem(
                    "strategy.params." + SELECTION,
                    Fields.describe(given) + " is not allowed; use "
                            + String.join(
                                    " or ",
                                    Arrays.stream(Selection.values())
                                            .map(Selection::spelling)
                                            .toList()));
        }
        return selection;
    }
}
