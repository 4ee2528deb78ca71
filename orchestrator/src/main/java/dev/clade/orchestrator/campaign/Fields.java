package dev.clade.orchestrator.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads typed values out of a JSON tree, collecting one message per bad field instead of stopping at the first. */
final class Fields {

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
    private static final Pattern SIZE =
            Pattern.compile("(\\d+)\\s*(b|kb|kib|mb|mib|gb|gib)?", Pattern.CASE_INSENSITIVE);

    private final List<FieldProblem> problems = new ArrayList<>();

    List<FieldProblem> problems() {
        return problems;
    }

    void problem(String path, String message) {
        problems.add(new FieldProblem(path, message));
    }

    /** Reports every field of {@code node} not in {@code allowed}. */
    void onlyKnown(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                problem(
                        join(path, field),
                        "unknown field; allowed here: "
                                + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    Optional<JsonNode> object(JsonNode parent, String path, String field, boolean required) {
        return given(parent, path, field, required)
                .filter(node -> expected(node.isObject(), "a mapping of fields", node, path, field));
    }

    Optional<String> text(JsonNode parent, String path, String field, boolean required) {
        return given(parent, path, field, required)
                .filter(node -> expected(node.isValueNode() && !node.isBoolean(), "text", node, path, field))
                .map(node -> node.asText().trim())
                .filter(text -> {
                    if (text.isEmpty()) {
                        problem(join(path, field), "must not be empty");
                    }
                    return !text.isEmpty();
                });
    }

    Optional<Long> integer(JsonNode parent, String path, String field, long min, long max) {
        return given(parent, path, field, false)
                .filter(node -> expected(
                        node.canConvertToLong() && node.isIntegralNumber(),
                        "a whole number between " + min + " and " + max,
                        node,
                        path,
                        field))
                .map(JsonNode::asLong)
                .filter(value -> {
                    if (value < min || value > max) {
                        problem(join(path, field), "must be between " + min + " and " + max + ", got " + value);
                    }
                    return value >= min && value <= max;
                });
    }

    OptionalDouble number(JsonNode parent, String path, String field) {
        return given(parent, path, field, false)
                .filter(node -> expected(
                        node.isNumber() && Double.isFinite(node.asDouble()), "a finite number", node, path, field))
                .map(node -> OptionalDouble.of(node.asDouble()))
                .orElse(OptionalDouble.empty());
    }

    Optional<Boolean> bool(JsonNode parent, String path, String field) {
        return given(parent, path, field, false)
                .filter(node -> expected(node.isBoolean(), "true or false", node, path, field))
                .map(JsonNode::asBoolean);
    }

    /** The field's value when it is there and not null; a required one that is not is a problem. */
    private Optional<JsonNode> given(JsonNode parent, String path, String field, boolean required) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node != null && !node.isNull()) {
            return Optional.of(node);
        }
        if (required) {
            problem(join(path, field), "required");
        }
        return Optional.empty();
    }

    /** {@code ok}; when false, the problem "expected {@code what}, got" the value. */
    private boolean expected(boolean ok, String what, JsonNode node, String path, String field) {
        if (!ok) {
            problem(join(path, field), "expected " + what + ", got " + describe(node));
        }
        return ok;
    }

    Optional<Duration> duration(JsonNode parent, String path, String field) {
        return text(parent, path, field, false).flatMap(text -> {
            Optional<Duration> parsed = parseDuration(text);
            if (parsed.isEmpty() || parsed.get().isZero() || parsed.get().isNegative()) {
                problem(
                        join(path, field),
                        "'" + text + "' is not a positive duration; write e.g. 500ms, 30s, 5m, 1h30m or PT30S");
                return Optional.empty();
            }
            return parsed;
        });
    }

    static Optional<Duration> parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt") || t.startsWith("p")) {
            try {
                return Optional.of(Duration.parse(t.toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        Matcher m = DURATION_PART.matcher(t.replace(" ", ""));
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return Optional.empty();
            }
            end = m.end();
            double amount = Double.parseDouble(m.group(1));
            long unitMillis = switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> 86_400_000;
            };
            total = total.plusMillis(Math.round(amount * unitMillis));
        }
        return end == t.replace(" ", "").length() && end > 0 ? Optional.of(total) : Optional.empty();
    }

    Optional<Long> size(JsonNode parent, String path, String field) {
        return given(parent, path, field, false).flatMap(node -> size(node, join(path, field)));
    }

    private Optional<Long> size(JsonNode node, String at) {
        Matcher m = SIZE.matcher(node.asText().trim());
        if (!m.matches() || node.isBoolean()) {
            problem(at, "'" + node.asText() + "' is not a size; write e.g. 65536, 512KB or 8MB");
            return Optional.empty();
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            problem(at, "'" + node.asText() + "' is too large a size");
            return Optional.empty();
        }
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long factor = switch (unit) {
            case "kb", "kib" -> 1024L;
            case "mb", "mib" -> 1024L * 1024;
            case "gb", "gib" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        if (n <= 0) {
            problem(at, "must be positive");
            return Optional.empty();
        }
        try {
            return Optional.of(Math.multiplyExact(n, factor));
        } catch (ArithmeticException e) {
            problem(at, "'" + node.asText() + "' is too large a size");
            return Optional.empty();
        }
    }

    static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            return "'" + node.asText() + "'";
        }
        return node.toString();
    }
}
