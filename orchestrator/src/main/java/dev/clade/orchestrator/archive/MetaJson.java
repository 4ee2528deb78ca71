package dev.clade.orchestrator.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;

/** Proposer meta of a node, stored as a JSON object of strings, and its traits, a JSON object of numbers. */
final class MetaJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> TYPE = new TypeReference<>() {};
    private static final TypeReference<TreeMap<String, Double>> NUMBERS = new TypeReference<>() {};

    private MetaJson() {}

    static Map<String, String> read(String json) {
        return read(json, TYPE, "node meta is not a JSON object of strings: ");
    }

    /** A node's traits: a JSON object of numbers. */
    static Map<String, Double> readNumbers(String json) {
        return read(json, NUMBERS, "node traits are not a JSON object of numbers: ");
    }

    private static <V> Map<String, V> read(String json, TypeReference<TreeMap<String, V>> type, String problem) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(problem + e.getOriginalMessage(), e);
        }
    }

    static String writeNumbers(Map<String, Double> traits) {
        return sorted(traits);
    }

    static String write(Map<String, String> meta) {
        return sorted(meta);
    }

    private static String sorted(Map<String, ?> map) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(map));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
