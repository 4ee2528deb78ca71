package dev.clade.orchestrator.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Reading a peer's problem folder for {@code clade import}: its files, its YAML, the literals of its scripts. */
final class PeerValues {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PeerValues() {}

    static Optional<Double> ratio(JsonNode node) {
        return node != null && node.isNumber() && node.asDouble() >= 0 && node.asDouble() <= 1
                ? Optional.of(node.asDouble())
                : Optional.empty();
    }

    static Optional<Double> decimal(String literal) {
        try {
            return Optional.of(Double.parseDouble(literal.replace("_", "")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<String> program(Path folder, String stem) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(stem + ".") && !n.endsWith(".pyc"))
                    .sorted()
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String name(Path folder) {
        String name =
                folder.toAbsolutePath().normalize().getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "-");
        return name.isEmpty() ? "imported" : name.length() > 63 ? name.substring(0, 63) : name;
    }

    static JsonNode yaml(Path file) {
        if (!Files.isRegularFile(file)) {
            return YAML.createObjectNode();
        }
        try {
            JsonNode node = YAML.readTree(file.toFile());
            return node == null ? YAML.createObjectNode() : node;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not YAML: " + e.getMessage(), e);
        }
    }

    /** The leaves of a YAML tree by dotted key; a list is a leaf. */
    static Map<String, JsonNode> flatten(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        flatten("", node, out);
        return out;
    }

    static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix + e.getKey() + ".", e.getValue(), out));
        } else if (!prefix.isEmpty()) {
            out.put(prefix.substring(0, prefix.length() - 1), node);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static Optional<String> text(JsonNode node) {
        return node == null || node.isNull() || node.asText().isBlank() ? Optional.empty() : Optional.of(node.asText());
    }

    static Optional<Integer> whole(JsonNode node) {
        return node != null && node.canConvertToInt() && node.isNumber() ? Optional.of(node.asInt()) : Optional.empty();
    }

    static Optional<Integer> integer(String literal) {
        try {
            return literal == null ? Optional.empty() : Optional.of(Integer.parseInt(literal.replace("_", "")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String unquote(String literal) {
        return literal.replaceAll("^[\"']|[\"']$", "");
    }

    static String firstSentence(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        int end = line.indexOf(". ");
        line = end > 0 ? line.substring(0, end + 1) : line;
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
