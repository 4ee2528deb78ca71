package dev.clade.orchestrator.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A peer's islands as the parameters of strategy islands ({@code clade import}); empty when it names none. */
final class PeerIslands {

    private PeerIslands() {}

    /**
     * OpenEvolve's islands and MAP-Elites grid as strategy islands: {@code num_islands}, {@code migration_interval},
     * {@code migration_rate}, {@code feature_bins}, the exploitation and exploration ratios, and {@code
     * feature_dimensions} (its built-in {@code complexity}, the program's length, becomes Clade's {@code lines}; its
     * {@code diversity}, edit distance to other programs, becomes {@code novelty}, embedding distance; other names are
     * the evaluator's metrics). Without any of them the spec keeps greedy.
     */
    static Optional<Map<String, String>> openEvolve(Map<String, JsonNode> config, List<String> unmapped) {
        Map<String, String> params = new LinkedHashMap<>();
        PeerValues.whole(config.remove("database.num_islands"))
                .ifPresent(n -> params.put("islands", clamp("database.num_islands", n, 1, 64, unmapped)));
        // OpenEvolve counts the interval in generations of each island, which take turns: K islands make it K times
        // as many experiments.
        int islands = Integer.parseInt(params.getOrDefault("islands", "4"));
        PeerValues.whole(config.remove("database.migration_interval")).ifPresent(n -> {
            params.put("migrationInterval", clamp("database.migration_interval", n * islands, 0, 100_000, unmapped));
            if (islands > 1) {
                unmapped.add("database.migration_interval: " + n + " generations of each island, which is "
                        + n * islands + " experiments over " + islands + " islands (mapped so)");
            }
        });
        ratio(config, "database.migration_rate", unmapped)
                .ifPresent(r -> params.put("migrationRate", PeerValues.number(r)));
        JsonNode bins = config.remove("database.feature_bins");
        if (bins != null && bins.isNumber()) {
            params.put("bins", clamp("database.feature_bins", bins.asInt(), 1, 100, unmapped));
        } else if (bins != null) {
            unmapped.add("database.feature_bins: " + bins + " (one count of bins for every feature in Clade; "
                    + "the spec uses its default, 10)");
        }
        Optional<Double> exploitation = ratio(config, "database.exploitation_ratio", unmapped);
        Optional<Double> exploration = ratio(config, "database.exploration_ratio", unmapped);
        if (exploitation.isPresent() || exploration.isPresent()) {
            double exploit = exploitation.orElse(0.7);
            double explore = exploration.orElse(0.2);
            if (exploit + explore <= 1) {
                params.put("exploitation", PeerValues.number(exploit));
                params.put("exploration", PeerValues.number(explore));
                params.put("random", PeerValues.number(Math.max(0, Math.round((1 - exploit - explore) * 1e9) / 1e9)));
            } else {
                unmapped.add("database.exploitation_ratio, database.exploration_ratio: " + exploit + " + " + explore
                        + " exceed 1 (the spec keeps 0.7 / 0.2 / 0.1)");
            }
        }
        JsonNode dimensions = config.remove("database.feature_dimensions");
        if (dimensions != null && dimensions.isArray()) {
            List<String> features = new ArrayList<>();
            for (JsonNode d : dimensions) {
                String name = switch (d.asText()) {
                    case "complexity" -> "lines";
                    case "diversity" -> "novelty";
                    default -> d.asText();
                };
                if (features.size() == 3 || !name.matches("[A-Za-z_][A-Za-z0-9_]*") || features.contains(name)) {
                    unmapped.add("database.feature_dimensions: " + d.asText() + " (Clade's grid takes up to three"
                            + " distinct metric names)");
                } else {
                    features.add(name);
                }
            }
            if (!features.isEmpty()) {
                params.put("features", "[" + String.join(", ", features) + "]");
            }
        }
        return params.isEmpty() ? Optional.empty() : Optional.of(params);
    }

    /**
     * ShinkaEvolve's islands as strategy islands: {@code num_islands}, {@code migration_interval}, {@code
     * migration_rate}, and its weighted parent selection with its lambda. Each island's grid is over the built-in
     * {@code lines} (ShinkaEvolve's islands keep no grid).
     */
    static Optional<Map<String, String>> shinka(Map<String, String> config, List<String> unmapped) {
        Map<String, String> params = new LinkedHashMap<>();
        PeerValues.integer(config.remove("num_islands"))
                .ifPresent(n -> params.put("islands", clamp("num_islands", n, 1, 64, unmapped)));
        PeerValues.integer(config.remove("migration_interval"))
                .ifPresent(n -> params.put("migrationInterval", clamp("migration_interval", n, 0, 100_000, unmapped)));
        literal(config, "migration_rate", 0, 1, unmapped)
                .ifPresent(r -> params.put("migrationRate", PeerValues.number(r)));
        Optional.ofNullable(config.remove("parent_selection_strategy"))
                .map(PeerValues::unquote)
                .ifPresent(s -> {
                    if (s.equals("weighted")) {
                        params.put("selection", "weighted");
                    } else {
                        unmapped.add("parent_selection_strategy: " + s
                                + " (Clade's islands select by ratios or weighted; the spec uses ratios)");
                    }
                });
        literal(config, "parent_selection_lambda", 0.1, 100, unmapped)
                .ifPresent(l -> params.put("lambda", PeerValues.number(l)));
        return params.isEmpty() ? Optional.empty() : Optional.of(params);
    }

    /** A number literal of a launch script within [min, max], removed; anything else is named as not mapped. */
    private static Optional<Double> literal(
            Map<String, String> config, String key, double min, double max, List<String> unmapped) {
        String given = config.remove(key);
        Optional<Double> value =
                Optional.ofNullable(given).flatMap(PeerValues::decimal).filter(v -> v >= min && v <= max);
        if (given != null && value.isEmpty()) {
            unmapped.add(key + ": " + given + " (not a number from " + PeerValues.number(min) + " to "
                    + PeerValues.number(max) + "; the spec keeps Clade's default)");
        }
        return value;
    }

    /** A ratio in [0, 1], removed from the config; anything else is named as not mapped. */
    private static Optional<Double> ratio(Map<String, JsonNode> config, String key, List<String> unmapped) {
        JsonNode given = config.remove(key);
        Optional<Double> ratio = PeerValues.ratio(given);
        if (given != null && ratio.isEmpty()) {
            unmapped.add(key + ": " + given + " (not a number from 0 to 1; the spec keeps Clade's default)");
        }
        return ratio;
    }

    private static String clamp(String key, int value, int min, int max, List<String> unmapped) {
        if (value < min || value > max) {
            int kept = Math.max(min, Math.min(max, value));
            unmapped.add(key + ": " + value + " (Clade allows " + min + " to " + max + "; the spec uses " + kept + ")");
            return Integer.toString(kept);
        }
        return Integer.toString(value);
    }
}
