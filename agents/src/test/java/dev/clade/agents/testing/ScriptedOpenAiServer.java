package dev.clade.agents.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An OpenAI-compatible chat-completions server for tests: the real LangChain4j client talks to it over HTTP, and it
 * answers from a script — fixed replies in order, or a function of the request (to edit whatever code the request
 * shows). It keeps every request for assertions.
 */
public final class ScriptedOpenAiServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: an HTTP status and a body. */
    public record Answer(int status, String body) {}

    private final HttpServer server;
    private final Deque<Function<JsonNode, Answer>> script = new ArrayDeque<>();
    private Function<JsonNode, Answer> fallback;
    private final List<JsonNode> requests = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    public ScriptedOpenAiServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fallback = r -> error(500, "the script has no answer left");
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL to configure ({@code http://127.0.0.1:port/v1}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** A base URL on loopback where nothing listens (a port that was free a moment ago). */
    public static String unreachableBaseUrl() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers the next request with {@code answer}. */
    public synchronized ScriptedOpenAiServer then(Answer answer) {
        script.add(r -> answer);
        return this;
    }

    /** Answers the next request by calling {@code responder} with it. */
    public synchronized ScriptedOpenAiServer then(Function<JsonNode, Answer> responder) {
        script.add(responder);
        return this;
    }

    /** Answers every request after the script runs out. */
    public synchronized ScriptedOpenAiServer otherwise(Function<JsonNode, Answer> responder) {
        fallback = responder;
        return this;
    }

    public synchronized List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        Function<JsonNode, Answer> next;
        synchronized (this) {
            requests.add(request);
            next = script.isEmpty() ? fallback : script.poll();
        }
        Answer answer = next.apply(request);
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** A reply with text content. */
    public Answer text(String content) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", content);
        return completion(message, "stop");
    }

    /** A reply that calls tools: pairs of name and JSON arguments. */
    public Answer toolCalls(Map<String, String> calls) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        message.putNull("content");
        ArrayNode list = message.putArray("tool_calls");
        calls.forEach((name, args) -> {
            ObjectNode call =
                    list.addObject().put("id", "call_" + ids.incrementAndGet()).put("type", "function");
            call.putObject("function").put("name", name).put("arguments", args);
        });
        return completion(message, "tool_calls");
    }

    /** A reply that calls one tool. */
    public Answer toolCall(String name, Object arguments) {
        try {
            return toolCalls(Map.of(name, JSON.writeValueAsString(arguments)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Answer error(int status, String message) {
        return new Answer(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"scripted\",\"code\":null}}");
    }

    private Answer completion(ObjectNode message, String finish) {
        ObjectNode root = JSON.createObjectNode()
                .put("id", "chatcmpl-" + ids.incrementAndGet())
                .put("object", "chat.completion")
                .put("created", 1_700_000_000L)
                .put("model", "scripted");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", finish);
        root.putObject("usage")
                .put("prompt_tokens", 1000)
                .put("completion_tokens", 200)
                .put("total_tokens", 1200);
        return new Answer(200, root.toString());
    }

    /** The text of the last user message of a request (the task, or a correction). */
    public static String lastUserText(JsonNode request) {
        String text = "";
        for (JsonNode m : request.path("messages")) {
            if (m.path("role").asText().equals("user")) {
                text = m.path("content").isTextual()
                        ? m.path("content").asText()
                        : m.path("content").toString();
            }
        }
        return text;
    }

    /** The text of the first user message (the task prompt with the code). */
    public static String taskText(JsonNode request) {
        for (JsonNode m : request.path("messages")) {
            if (m.path("role").asText().equals("user")) {
                return m.path("content").isTextual()
                        ? m.path("content").asText()
                        : m.path("content").toString();
            }
        }
        return "";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
