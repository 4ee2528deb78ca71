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

    private MetaJson() {}

    static Map<String, String> read(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("node meta is not a JSON object of strings: " + e.getOriginalMessage(), e);
        }
    }

    private static final TypeReference<TreeMap<String, Double>> NUMBERS = new TypeReference<>() {};

    /** A node's traits: a JSON object of numbers. */
    static Map<String, Double> readNumbers(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, NUMBERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "node traits are not a JSON object of numbers: " + e.getOriginalMessage(), e);
        }
    }

    static String writeNumbers(Map<String, Double> traits) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(traits));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String write(Map<String, String> meta) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(meta));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
