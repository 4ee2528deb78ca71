package dev.clade.agents.llm;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * One model with retries and accounting: a rate limit (429), a server error (5xx), a timeout or an unreachable
 * endpoint is retried with exponential backoff up to {@link ModelSettings#maxRetries()} times; a refused key, an
 * unknown model or a bad request fails at once. Every failure is a {@link ModelException} naming the endpoint.
 */
public final class ReliableChat {

    private static final Logger LOG = Logger.getLogger(ReliableChat.class);

    /** Waits between attempts; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** A reply and what it cost. */
    public record Reply(ChatResponse response, LlmCall call) {}

    private final ChatModel model;
    private final ModelSettings settings;
    private final Price price;
    private final Sleeper sleeper;

    public ReliableChat(ChatModel model, ModelSettings settings, Sleeper sleeper) {
        this.model = model;
        this.settings = settings;
        this.price = Prices.of(settings).orElse(Price.FREE);
        this.sleeper = sleeper;
    }

    public ReliableChat(ChatModel model, ModelSettings settings) {
        this(model, settings, d -> Thread.sleep(d.toMillis()));
    }

    public ModelSettings settings() {
        return settings;
    }

    /**
     * One call of a system and a user message, counted in {@code ledger} for the campaign's node: the reply's text,
     * "" when it has none. {@link ModelException} when the model cannot be reached.
     */
    public String ask(String system, String user, CostLedger ledger, String campaign, long node) {
        Reply reply = chat(ChatRequest.builder()
                .messages(SystemMessage.from(system), UserMessage.from(user))
                .build());
        ledger.record(campaign, node, reply.call());
        String text = reply.response().aiMessage().text();
        return text == null ? "" : text;
    }

    public Reply chat(ChatRequest request) {
        for (int attempt = 0; ; attempt++) {
            ModelException f;
            try {
                ChatResponse response = model.chat(request);
                return new Reply(response, account(response.tokenUsage()));
            } catch (RuntimeException e) {
                f = classify(e);
            }
            if (!f.retriable() || attempt >= settings.maxRetries()) {
                if (f.retriable()) {
                    throw new ModelException(
                            f.getMessage() + "; gave up after " + (attempt + 1) + " attempts", true, f.getCause());
                }
                throw f;
            }
            Duration wait = settings.retryBackoff().multipliedBy(1L << Math.min(attempt, 6));
            LOG.warnf(
                    "%s; retrying in %s (attempt %d of %d)",
                    f.getMessage(), wait, attempt + 2, settings.maxRetries() + 1);
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelException("interrupted while waiting to retry " + settings.endpoint(), false, e);
            }
        }
    }

    private LlmCall account(TokenUsage usage) {
        long in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        return new LlmCall(settings.label(), in, out, price.cost(in, out));
    }

    private ModelException classify(RuntimeException e) {
        String where = settings.label() + " at " + settings.endpoint();
        String key = settings.keyVariable().map(v -> "the key in $" + v).orElse("the request");
        if (e instanceof AuthenticationException) {
            return new ModelException(where + " refused " + key + ": " + brief(e), false, e);
        }
        if (e instanceof ModelNotFoundException) {
            return new ModelException(where + ": no such model: " + brief(e), false, e);
        }
        if (e instanceof RateLimitException) {
            return new ModelException(where + " is rate limiting (429): " + brief(e), true, e);
        }
        if (e instanceof InternalServerException) {
            return new ModelException(where + " failed with a server error: " + brief(e), true, e);
        }
        if (e instanceof TimeoutException) {
            return new ModelException(where + " did not answer within " + settings.timeout(), true, e);
        }
        if (e instanceof InvalidRequestException) {
            return new ModelException(where + " rejected the request: " + brief(e), false, e);
        }
        if (e instanceof HttpException h) {
            int code = h.statusCode();
            boolean retry = code == 429 || code >= 500;
            if (code == 401 || code == 403) {
                return new ModelException(where + " refused " + key + " (" + code + ")", false, e);
            }
            return new ModelException(where + " answered HTTP " + code + ": " + brief(e), retry, e);
        }
        Throwable io = e;
        while (io != null && !(io instanceof IOException)) {
            io = io.getCause();
        }
        if (io != null) {
            return new ModelException(
                    "cannot reach " + where + ": " + io.getClass().getSimpleName()
                            + (io.getMessage() == null ? "" : " " + io.getMessage()),
                    true,
                    e);
        }
        return new ModelException(where + " failed: " + brief(e), false, e);
    }

    private static String brief(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.replaceAll("\\s+", " ").strip();
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }
}
