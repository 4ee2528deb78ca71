package dev.clade.orchestrator.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;

/** Proposer meta of a node, stored as a JSON object of strings. */
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

    static String write(Map<String, String> meta) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(meta));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
