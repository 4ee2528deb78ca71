package dev.clade.agents.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Reads a model from a campaign spec or an {@code agent.yaml}: either {@code "provider:model"} or an object {@code
 * {provider, name, baseUrl, apiKeyEnv, timeout (seconds), maxRetries, temperature, maxOutputTokens, price {input,
 * output}}}. Problems go to a sink as (field, message), so a spec reports all of them at once.
 */
public final class ModelSettingsReader {

    private static final Set<String> FIELDS = Set.of(
            "provider",
            "name",
            "baseUrl",
            "apiKeyEnv",
            "timeout",
            "maxRetries",
            "temperature",
            "maxOutputTokens",
            "price");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ModelSettingsReader() {}

    public static Optional<ModelSettings> read(JsonNode node, String field, BiConsumer<String, String> problems) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return shorthand(node.asText(), field, problems);
        }
        if (!node.isObject()) {
            problems.accept(field, "must be \"provider:model\" or an object {provider, name, baseUrl, apiKeyEnv, ...}");
            return Optional.empty();
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                problems.accept(
                        field + "." + name,
                        "unknown field; allowed: "
                                + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        String providerId = node.path("provider").asText("openai");
        Optional<Provider> provider = Provider.byId(providerId);
        if (provider.isEmpty()) {
            problems.accept(
                    field + ".provider", "'" + providerId + "' is not supported; allowed: " + Provider.allowed());
        }
        String name = node.path("name").asText("");
        if (name.isBlank()) {
            problems.accept(field + ".name", "required: the provider's model name, e.g. gpt-4.1-mini");
        }
        Optional<String> keyEnv = text(node, "apiKeyEnv");
        if (keyEnv.isPresent() && !VARIABLE.matcher(keyEnv.get()).matches()) {
            problems.accept(
                    field + ".apiKeyEnv",
                    "must name an environment variable (letters, digits, _);" + " never put the key itself in a spec");
        }
        Optional<String> baseUrl = text(node, "baseUrl");
        if (baseUrl.isPresent() && !baseUrl.get().matches("https?://.+")) {
            problems.accept(field + ".baseUrl", "must be an http:// or https:// URL");
        }
        long timeout = number(node, "timeout", 1, 3600, field, problems)
                .orElse((double) ModelSettings.DEFAULT_TIMEOUT.toSeconds())
                .longValue();
        int retries = number(node, "maxRetries", 0, 20, field, problems)
                .orElse((double) ModelSettings.DEFAULT_MAX_RETRIES)
                .intValue();
        OptionalDouble temperature = number(node, "temperature", 0, 2, field, problems)
                .map(OptionalDouble::of)
                .orElse(OptionalDouble.empty());
        int maxOutput = number(node, "maxOutputTokens", 16, 1_000_000, field, problems)
                .orElse((double) ModelSettings.DEFAULT_MAX_OUTPUT_TOKENS)
                .intValue();
        Optional<Price> price = price(node.get("price"), field + ".price", problems);
        if (provider.isEmpty() || name.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ModelSettings(
                provider.get(),
                name,
                baseUrl,
                keyEnv,
                Duration.ofSeconds(timeout),
                retries,
                ModelSettings.DEFAULT_BACKOFF,
                temperature,
                maxOutput,
                price));
    }

    /** {@code provider:model}, or a bare model name for OpenAI. */
    public static Optional<ModelSettings> shorthand(String text, String field, BiConsumer<String, String> problems) {
        String t = text.strip();
        int colon = t.indexOf(':');
        String providerId = colon < 0 ? "openai" : t.substring(0, colon);
        String name = colon < 0 ? t : t.substring(colon + 1);
        Optional<Provider> provider = Provider.byId(providerId);
        if (provider.isEmpty()) {
            problems.accept(
                    field,
                    "'" + providerId + "' is not a supported provider; allowed: " + Provider.allowed()
                            + " (write provider:model, e.g. openai:gpt-4.1-mini)");
            return Optional.empty();
        }
        if (name.isBlank()) {
            problems.accept(field, "names no model; write provider:model, e.g. openai:gpt-4.1-mini");
            return Optional.empty();
        }
        return Optional.of(ModelSettings.of(provider.get(), name));
    }

    public static Optional<Price> price(JsonNode node, String field, BiConsumer<String, String> problems) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        JsonNode in = node.get("input");
        JsonNode out = node.get("output");
        if (!node.isObject()
                || in == null
                || out == null
                || !in.isNumber()
                || !out.isNumber()
                || !(in.asDouble() >= 0 && Double.isFinite(in.asDouble()))
                || !(out.asDouble() >= 0 && Double.isFinite(out.asDouble()))) {
            problems.accept(
                    field,
                    "must be {input: <USD per million input tokens>, output: <USD per million output"
                            + " tokens>}, both finite numbers >= 0");
            return Optional.empty();
        }
        return Optional.of(new Price(in.asDouble(), out.asDouble()));
    }

    private static Optional<String> text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() || v.asText().isBlank()
                ? Optional.empty()
                : Optional.of(v.asText().strip());
    }

    private static Optional<Double> number(
            JsonNode node, String name, double min, double max, String field, BiConsumer<String, String> problems) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
            problems.accept(field + "." + name, "must be a number from " + fmt(min) + " to " + fmt(max));
            return Optional.empty();
        }
        return Optional.of(v.asDouble());
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
