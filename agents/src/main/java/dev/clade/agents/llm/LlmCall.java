package dev.clade.agents.llm;

import java.util.Objects;

/**
 * One model call as it is counted against budgets.
 *
 * @param model {@code provider:model}
 * @param inputTokens prompt tokens the provider reported
 * @param outputTokens completion tokens the provider reported
 * @param costUsd what the call cost by the model's price (0 when no price is known)
 */
public record LlmCall(String model, long inputTokens, long outputTokens, double costUsd) {
    public LlmCall {
        Objects.requireNonNull(model, "model");
    }
}
