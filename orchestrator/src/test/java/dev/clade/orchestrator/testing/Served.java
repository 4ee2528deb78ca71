package dev.clade.orchestrator.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/** A packaged {@code clade serve} on a free port, and its HTTP endpoints with the home's token. */
public record Served(Process process, int port, Path home, Path out) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * Starts {@code clade serve} on {@code home} with {@code environment} added, local targets allowed under {@code
     * roots}; returns once its API answers.
     */
    public static Served start(Path home, Path roots, Map<String, String> environment) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(home);
        Path out = Files.createTempFile(roots, "serve-", ".out");
        ProcessBuilder builder =
                Cli.builder(home, "serve").redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        // Over the API a local target must lie under the configured roots.
        builder.environment().put("CLADE_API_REPO_ROOTS", roots.toString());
        builder.environment().putAll(environment);
        Served served = new Served(builder.start(), port, home, out);
        Awaitility.await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> {
            if (!served.process.isAlive()) {
                throw new AssertionError("clade serve ended:\n" + served.output());
            }
            return served.get("/api/v1/campaigns").statusCode() == 200;
        });
        return served;
    }

    public String output() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET without the token. */
    public HttpResponse<String> getOpenly(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String yaml) throws IOException, InterruptedException {
        return HTTP.send(
                request(path)
                        .header("Content-Type", "application/yaml")
                        .POST(HttpRequest.BodyPublishers.ofString(yaml))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The sum of a metric's samples whose labels contain {@code labels} (e.g. {@code campaign="x"}); empty if none. */
    public OptionalDouble metric(String name, String labels) throws IOException, InterruptedException {
        HttpResponse<String> r = get("/q/metrics");
        if (r.statusCode() != 200) {
            throw new AssertionError("/q/metrics answered " + r.statusCode() + ": " + r.body());
        }
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$")
                .matcher(r.body());
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            if (m.group(1) == null ? labels.isEmpty() : m.group(1).contains(labels)) {
                sum += Double.parseDouble(m.group(2));
                found = true;
            }
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    public HttpRequest.Builder request(String path) throws IOException {
        return HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token())
                .timeout(Duration.ofSeconds(30));
    }

    public String token() throws IOException {
        return Files.readString(home.resolve("api-token")).strip();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
