package dev.clade.agents.llm;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.Map;
import java.util.Optional;

/**
 * Builds LangChain4j chat models from {@link ModelSettings}. The key is read from the environment here and handed to
 * the client only; it is not kept anywhere else. LangChain4j's own retries are off: {@link ReliableChat} retries, so
 * that it can tell a refused key from a rate limit and say which.
 */
public final class ChatModels {

    private ChatModels() {}

    /**
     * @param environment where keys are looked up (the process environment in production)
     * @throws ModelException when the provider needs a key and its variable is unset or blank
     */
    public static ChatModel create(ModelSettings s, Map<String, String> environment) {
        String key = key(s, environment);
        Double temperature = s.temperature().isPresent() ? s.temperature().getAsDouble() : null;
        return switch (s.provider()) {
            case OPENAI ->
                OpenAiChatModel.builder()
                        .baseUrl(s.endpoint())
                        .apiKey(key)
                        .modelName(s.model())
                        .temperature(temperature)
                        .maxTokens(s.maxOutputTokens())
                        .timeout(s.timeout())
                        .maxRetries(0)
                        .build();
            case ANTHROPIC ->
                AnthropicChatModel.builder()
                        .baseUrl(s.endpoint())
                        .apiKey(key)
                        .modelName(s.model())
                        .temperature(temperature)
                        .maxTokens(s.maxOutputTokens())
                        .timeout(s.timeout())
                        .maxRetries(0)
                        .build();
            case GEMINI ->
                GoogleAiGeminiChatModel.builder()
                        .baseUrl(s.endpoint())
                        .apiKey(key)
                        .modelName(s.model())
                        .temperature(temperature)
                        .maxOutputTokens(s.maxOutputTokens())
                        .timeout(s.timeout())
                        .maxRetries(0)
                        .build();
            case OLLAMA ->
                OllamaChatModel.builder()
                        .baseUrl(s.endpoint())
                        .modelName(s.model())
                        .temperature(temperature)
                        .numPredict(s.maxOutputTokens())
                        .timeout(s.timeout())
                        .maxRetries(0)
                        .build();
        };
    }

    /**
     * The key, or a placeholder for an OpenAI-compatible server on a custom URL that needs none (llama.cpp, vLLM
     * without {@code --api-key}).
     */
    private static String key(ModelSettings s, Map<String, String> environment) {
        Optional<String> variable = s.keyVariable();
        if (variable.isEmpty()) {
            return null;
        }
        String value = environment.get(variable.get());
        if (value != null && !value.isBlank()) {
            return value.strip();
        }
        if (s.provider() == Provider.OPENAI
                && s.baseUrl().isPresent()
                && s.apiKeyEnv().isEmpty()) {
            return "no-key";
        }
        throw new ModelException(
                "the " + s.provider().id() + " model " + s.model() + " needs a key: set the" + " environment variable "
                        + variable.get() + (s.apiKeyEnv().isPresent() ? " (proposer.model.apiKeyEnv)" : ""));
    }
}
