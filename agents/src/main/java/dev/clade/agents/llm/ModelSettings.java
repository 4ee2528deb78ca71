package dev.clade.agents.llm;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Which model to call and how. Holds the <em>name</em> of the environment variable with the key, never the key.
 *
 * @param provider the API spoken
 * @param model the provider's model name, e.g. {@code gpt-4.1-mini}
 * @param baseUrl the endpoint; empty means the provider's public one (set it for vLLM, llama.cpp, LM Studio,
 *     OpenRouter)
 * @param apiKeyEnv the environment variable holding the key; empty means the provider's usual one ({@code
 *     OPENAI_API_KEY}, ...)
 * @param timeout how long one call may take
 * @param maxRetries how often a call is retried after a rate limit (429), a server error (5xx), a timeout or a refused
 *     connection, with exponential backoff from {@code retryBackoff}
 * @param temperature sampling temperature; empty leaves the provider's default
 * @param maxOutputTokens the most tokens one reply may have
 * @param price what the model costs; empty means Clade's table ({@link Prices}) decides
 */
public record ModelSettings(
        Provider provider,
        String model,
        Optional<String> baseUrl,
        Optional<String> apiKeyEnv,
        Duration timeout,
        int maxRetries,
        Duration retryBackoff,
        OptionalDouble temperature,
        int maxOutputTokens,
        Optional<Price> price) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    public static final int DEFAULT_MAX_RETRIES = 4;
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(2);
    public static final int DEFAULT_MAX_OUTPUT_TOKENS = 4096;

    public ModelSettings {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        if (model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
        if (maxOutputTokens <= 0) {
            throw new IllegalArgumentException("maxOutputTokens must be positive");
        }
    }

    /** Defaults for everything but the provider and model. */
    public static ModelSettings of(Provider provider, String model) {
        return new ModelSettings(
                provider,
                model,
                Optional.empty(),
                Optional.empty(),
                DEFAULT_TIMEOUT,
                DEFAULT_MAX_RETRIES,
                DEFAULT_BACKOFF,
                OptionalDouble.empty(),
                DEFAULT_MAX_OUTPUT_TOKENS,
                Optional.empty());
    }

    public String endpoint() {
        return baseUrl.orElse(provider.defaultBaseUrl());
    }

    /** The variable the key is read from, if this provider uses one. */
    public Optional<String> keyVariable() {
        return apiKeyEnv.or(provider::defaultKeyVariable);
    }

    /** {@code provider:model}, as shown in summaries. */
    public String label() {
        return provider.id() + ":" + model;
    }

    public ModelSettings withBaseUrl(String url) {
        return copy(Optional.of(url), timeout, maxRetries, retryBackoff, price);
    }

    public ModelSettings withRetries(int retries, Duration backoff) {
        return copy(baseUrl, timeout, retries, backoff, price);
    }

    public ModelSettings withTimeout(Duration t) {
        return copy(baseUrl, t, maxRetries, retryBackoff, price);
    }

    public ModelSettings withPrice(Price p) {
        return copy(baseUrl, timeout, maxRetries, retryBackoff, Optional.of(p));
    }

    /** These settings with the components that the {@code with} methods change set to these; the others kept. */
    private ModelSettings copy(
            Optional<String> baseUrl, Duration timeout, int maxRetries, Duration retryBackoff, Optional<Price> price) {
        return new ModelSettings(
                provider,
                model,
                baseUrl,
                apiKeyEnv,
                timeout,
                maxRetries,
                retryBackoff,
                temperature,
                maxOutputTokens,
                price);
    }
}
