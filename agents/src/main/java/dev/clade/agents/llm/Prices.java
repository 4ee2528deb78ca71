package dev.clade.agents.llm;

import java.util.Map;
import java.util.Optional;

/**
 * A small table of list prices (USD per million tokens, as published by the providers in 2026) used when a campaign
 * states none. Prices change: a campaign that must stay under a dollar budget should set {@code proposer.price}.
 * Ollama models are free; a model missing from the table has no known price.
 */
public final class Prices {

    private static final Map<String, Price> TABLE = Map.ofEntries(
            Map.entry("gpt-4o", new Price(2.50, 10.00)),
            Map.entry("gpt-4o-mini", new Price(0.15, 0.60)),
            Map.entry("gpt-4.1", new Price(2.00, 8.00)),
            Map.entry("gpt-4.1-mini", new Price(0.40, 1.60)),
            Map.entry("gpt-4.1-nano", new Price(0.10, 0.40)),
            Map.entry("gpt-5", new Price(1.25, 10.00)),
            Map.entry("gpt-5-mini", new Price(0.25, 2.00)),
            Map.entry("o4-mini", new Price(1.10, 4.40)),
            Map.entry("claude-sonnet-4-5", new Price(3.00, 15.00)),
            Map.entry("claude-sonnet-4", new Price(3.00, 15.00)),
            Map.entry("claude-haiku-4-5", new Price(1.00, 5.00)),
            Map.entry("claude-opus-4-1", new Price(15.00, 75.00)),
            Map.entry("gemini-2.5-pro", new Price(1.25, 10.00)),
            Map.entry("gemini-2.5-flash", new Price(0.30, 2.50)),
            Map.entry("gemini-2.5-flash-lite", new Price(0.10, 0.40)));

    private Prices() {}

    /** The settings' own price, else the table's (matching the model name without a provider prefix or date suffix). */
    public static Optional<Price> of(ModelSettings settings) {
        if (settings.price().isPresent()) {
            return settings.price();
        }
        if (settings.provider() == Provider.OLLAMA) {
            return Optional.of(Price.FREE);
        }
        String name = settings.model().substring(settings.model().lastIndexOf('/') + 1);
        String key = name;
        while (!key.isEmpty()) {
            Price p = TABLE.get(key);
            if (p != null) {
                return Optional.of(p);
            }
            int dash = key.lastIndexOf('-');
            key = dash < 0 ? "" : key.substring(0, dash);
        }
        return Optional.empty();
    }
}
