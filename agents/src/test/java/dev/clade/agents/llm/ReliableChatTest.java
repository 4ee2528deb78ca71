package dev.clade.agents.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clade.agents.testing.ScriptedOpenAiServer;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReliableChatTest {

    private final ScriptedOpenAiServer server = new ScriptedOpenAiServer();
    private final List<Duration> waits = new ArrayList<>();

    @AfterEach
    void tearDown() {
        server.close();
    }

    private ReliableChat chat(ModelSettings settings, Map<String, String> env) {
        return new ReliableChat(ChatModels.create(settings, env), settings, waits::add);
    }

    private ModelSettings settings(String baseUrl) {
        return ModelSettings.of(Provider.OPENAI, "gpt-4.1-mini")
                .withBaseUrl(baseUrl)
                .withRetries(3, Duration.ofMillis(100))
                .withTimeout(Duration.ofSeconds(10));
    }

    private static ChatRequest hello() {
        return ChatRequest.builder().messages(UserMessage.from("hello")).build();
    }

    @Test
    void should_retry_a_rate_limit_and_a_server_error_with_backoff_then_succeed() {
        server.then(ScriptedOpenAiServer.error(429, "slow down"))
                .then(ScriptedOpenAiServer.error(503, "overloaded"))
                .then(server.text("hi"));

        ReliableChat.Reply reply = chat(settings(server.baseUrl()), Map.of()).chat(hello());

        assertThat(reply.response().aiMessage().text()).isEqualTo("hi");
        assertThat(server.requests()).hasSize(3);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        // gpt-4.1-mini: $0.40 / $1.60 per million tokens; the scripted usage is 1000 in, 200 out.
        assertThat(reply.call()).isEqualTo(new LlmCall("openai:gpt-4.1-mini", 1000, 200, 0.00072));
    }

    @Test
    void should_give_up_after_the_retries_and_say_so() {
        server.otherwise(r -> ScriptedOpenAiServer.error(429, "slow down"));

        assertThatThrownBy(() -> chat(settings(server.baseUrl()), Map.of()).chat(hello()))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("rate limiting (429)")
                .hasMessageContaining("gave up after 4 attempts");
    }

    @Test
    void should_fail_at_once_when_the_key_is_refused_without_showing_it() {
        server.then(ScriptedOpenAiServer.error(401, "Incorrect API key provided"));
        ModelSettings s = ModelSettings.of(Provider.OPENAI, "gpt-4.1-mini")
                .withBaseUrl(server.baseUrl())
                .withRetries(3, Duration.ofMillis(1));

        assertThatThrownBy(
                        () -> chat(s, Map.of("OPENAI_API_KEY", "sk-secret-123")).chat(hello()))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("refused the key in $OPENAI_API_KEY")
                .hasMessageNotContaining("sk-secret-123");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void should_name_the_endpoint_that_cannot_be_reached() throws IOException {
        String url = ScriptedOpenAiServer.unreachableBaseUrl();

        assertThatThrownBy(() -> chat(settings(url), Map.of()).chat(hello()))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("cannot reach openai:gpt-4.1-mini at " + url)
                .hasMessageContaining("gave up after 4 attempts");
    }

    @Test
    void should_require_the_key_of_a_public_provider() {
        assertThatThrownBy(() -> ChatModels.create(ModelSettings.of(Provider.ANTHROPIC, "claude-sonnet-4-5"), Map.of()))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("set the environment variable ANTHROPIC_API_KEY");
    }

    @Test
    void should_price_known_models_and_leave_unknown_ones_unpriced() {
        assertThat(Prices.of(ModelSettings.of(Provider.OPENAI, "gpt-4o-mini-2024-07-18")))
                .contains(new Price(0.15, 0.60));
        assertThat(Prices.of(ModelSettings.of(Provider.OLLAMA, "qwen2.5-coder")))
                .contains(Price.FREE);
        assertThat(Prices.of(ModelSettings.of(Provider.OPENAI, "my-finetune"))).isEmpty();
    }
}
