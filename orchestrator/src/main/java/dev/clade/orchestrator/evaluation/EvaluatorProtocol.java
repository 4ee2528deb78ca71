package dev.clade.orchestrator.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The evaluator protocol (DESIGN.md): a stage writes {@code {"score": <number>, "metrics": {...}, "feedback":
 * "text"}} to the file named by {@code $CLADE_METRICS}, or prints that object as the last line of its standard output.
 * The file wins when it exists and is not empty. Anything else is an {@link StageOutcome.Invalid} with the reason.
 */
public final class EvaluatorProtocol {

    /** Environment variable naming the metrics file. */
    public static final String METRICS_ENV = "CLADE_METRICS";

    // NaN and Infinity are read so they can be rejected with a precise reason (Python's json.dumps prints them).
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final int QUOTE_LIMIT = 200;

    private EvaluatorProtocol() {}

    public static StageOutcome read(Path metricsFile, Optional<String> lastStdoutLine) {
        try {
            if (Files.isRegularFile(metricsFile) && Files.size(metricsFile) > 0) {
                if (Files.size(metricsFile) > 1024 * 1024) {
                    return new StageOutcome.Invalid("$" + METRICS_ENV + " file is larger than 1 MiB");
                }
                return parse(Files.readString(metricsFile, StandardCharsets.UTF_8), "$" + METRICS_ENV + " file");
            }
        } catch (IOException e) {
            return new StageOutcome.Invalid("cannot read $" + METRICS_ENV + " file: " + e.getMessage());
        }
        if (lastStdoutLine.isEmpty() || lastStdoutLine.get().isBlank()) {
            return new StageOutcome.Invalid("no score: $" + METRICS_ENV + " was not written and stdout was empty");
        }
        return parse(lastStdoutLine.get(), "last line of stdout");
    }

    static StageOutcome parse(String text, String where) {
        JsonNode node;
        try {
            node = JSON.readTree(text.trim());
        } catch (JsonProcessingException e) {
            return new StageOutcome.Invalid("no score: the " + where + " is not a JSON object: " + quote(text));
        }
        if (node == null || !node.isObject()) {
            return new StageOutcome.Invalid("no score: the " + where + " is not a JSON object: " + quote(text));
        }
        JsonNode score = node.get("score");
        if (score == null || score.isNull()) {
            return new StageOutcome.Invalid("no score: the " + where + " has no \"score\" field: " + quote(text));
        }
        Optional<Double> value = numeric(score);
        if (value.isEmpty()) {
            return new StageOutcome.Invalid("score is not a number: " + quote(score.toString()));
        }
        if (!Double.isFinite(value.get())) {
            return new StageOutcome.Invalid("score is not finite: " + score.asText());
        }
        JsonNode metrics = node.get("metrics");
        if (metrics != null && !metrics.isNull() && !metrics.isObject()) {
            return new StageOutcome.Invalid("\"metrics\" must be a JSON object, got " + quote(metrics.toString()));
        }
        JsonNode feedback = node.get("feedback");
        return new StageOutcome.Scored(
                value.get(),
                metrics == null || metrics.isNull() ? "{}" : metrics.toString(),
                feedback == null || feedback.isNull() ? "" : feedback.asText());
    }

    /** Numbers, and the strings "NaN"/"Infinity" some languages print, so that they are reported as not finite. */
    private static Optional<Double> numeric(JsonNode score) {
        if (score.isNumber()) {
            return Optional.of(score.asDouble());
        }
        if (score.isTextual()) {
            String t = score.asText().trim();
            if (t.matches("[-+]?(NaN|nan|Infinity|inf)")) {
                return Optional.of(Double.parseDouble(t.replace("nan", "NaN").replace("inf", "Infinity")));
            }
        }
        return Optional.empty();
    }

    private static String quote(String text) {
        String t = text.strip();
        return "'" + (t.length() > QUOTE_LIMIT ? t.substring(0, QUOTE_LIMIT) + "..." : t) + "'";
    }
}
