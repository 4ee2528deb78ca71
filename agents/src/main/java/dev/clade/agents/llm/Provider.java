package dev.clade.agents.llm;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The model APIs Clade speaks, through LangChain4j. */
public enum Provider {
    /** OpenAI and every server that speaks its chat-completions API: vLLM, llama.cpp, LM Studio, OpenRouter. */
    OPENAI("OPENAI_API_KEY", "https://api.openai.com/v1"),
    ANTHROPIC("ANTHROPIC_API_KEY", "https://api.anthropic.com/v1"),
    GEMINI("GEMINI_API_KEY", "https://generativelanguage.googleapis.com/v1beta"),
    /** A local Ollama server; needs no key. */
    OLLAMA(null, "http://localhost:11434");

    private final String keyVariable;
    private final String defaultBaseUrl;

    Provider(String keyVariable, String defaultBaseUrl) {
        this.keyVariable = keyVariable;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    /** The environment variable the key is read from unless the settings name another; empty for Ollama. */
    public Optional<String> defaultKeyVariable() {
        return Optional.ofNullable(keyVariable);
    }

    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Provider> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id().equals(id)).findFirst();
    }

    public static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(Provider::id).toList());
    }
}
