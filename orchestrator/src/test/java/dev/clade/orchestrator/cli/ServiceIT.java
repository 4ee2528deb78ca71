package dev.clade.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clade.orchestrator.experiment.ExperimentRepository;
import dev.clade.orchestrator.testing.Databases;
import dev.clade.orchestrator.testing.Served;
import dev.clade.orchestrator.testing.Targets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Clade as a service on more than one machine (docs/service.md): packaged {@code clade serve} processes sharing one
 * home and one database (the embedded server, and a real external PostgreSQL when one is named; see {@link
 * Databases}), killed with {@code kill -9} or stopped with SIGTERM while a campaign runs.
 */
class ServiceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BUDGET = 10;

    @TempDir
    Path dir;

    private final List<Served> started = new ArrayList<>();

    @AfterEach
    void stopWhatIsLeft() throws InterruptedException {
        for (Served s : started) {
            s.process().destroyForcibly();
            s.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.clade.orchestrator.testing.Databases#kinds")
    void should_let_another_instance_finish_a_campaign_whose_instance_was_killed(String database) throws Exception {
        try (Databases db = Databases.of(database)) {
            Path target = Targets.quadratic(dir.resolve("target"), "0.5");
            Path home = dir.resolve("home");
            Served a = serve(home, db, Map.of());
            Served b = serve(home, db, Map.of());
            assertThat(b.getOpenly("/q/health/ready").statusCode())
                    .as("readiness needs no token")
                    .isEqualTo(200);
            assertThat(b.getOpenly("/q/metrics").statusCode())
                    .as("the metrics need the token")
                    .isEqualTo(401);

            HttpResponse<String> created = a.post("/api/v1/campaigns", Targets.spec("failover", target, BUDGET, 2));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> finished(a, "failover") >= 3);
            a.process().destroyForcibly(); // SIGKILL: no hook runs; PostgreSQL drops its lease with its connection
            assertThat(a.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            long killed = System.nanoTime();

            Awaitility.await()
                    .atMost(Duration.ofSeconds(40))
                    .until(() -> b.metric("clade_campaigns_running", "").orElse(0) == 1);
            Duration adopted = Duration.ofNanos(System.nanoTime() - killed);
            double before =
                    b.metric("clade_experiments_total", "campaign=\"failover\"").orElse(0);
            Awaitility.await()
                    .atMost(Duration.ofMinutes(3))
                    .until(() -> campaign(b, "failover").path("state").asText().equals("completed"));

            assertThat(adopted).as("adopted within about 15 s").isLessThan(Duration.ofSeconds(25));
            assertThat(b.metric("clade_experiments_total", "campaign=\"failover\"")
                            .orElse(0))
                    .as("experiments counted by the adopting instance while it ran the campaign")
                    .isGreaterThan(before);
            assertThat(b.metric("clade_stage_duration_seconds_count", "stage=\"full\"")
                            .orElse(0))
                    .isPositive();
            assertThat(b.metric("clade_workers", "state=\"busy\"")).hasValue(0);
            assertEveryNodeOnce(b, home, "failover");
            assertThat(events(b, "failover"))
                    .as("the event stream of the adopting instance replays the whole campaign")
                    .anyMatch(e -> e.contains("\"state\":\"completed\""))
                    .anyMatch(e -> e.contains("node.finished"));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.clade.orchestrator.testing.Databases#kinds")
    void should_stop_on_sigterm_and_leave_the_campaign_to_the_next_instance(String database) throws Exception {
        try (Databases db = Databases.of(database)) {
            Path target = Targets.quadratic(dir.resolve("target"), "2");
            Path home = dir.resolve("home");
            // The first instance's grace is shorter than a stage: its stages in flight are killed, and run again later.
            Served a = serve(home, db, Map.of("CLADE_SHUTDOWN_GRACE", "1s"));
            HttpResponse<String> created = a.post("/api/v1/campaigns", Targets.spec("graceful", target, BUDGET, 2));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> finished(a, "graceful") >= 1);
            a.process().destroy(); // SIGTERM, as Kubernetes sends it
            assertThat(a.process().waitFor(40, TimeUnit.SECONDS))
                    .as("stops soon after its grace:\n%s", a.output())
                    .isTrue();

            // The next one resumes it at its start; its grace (the default, 30 s) lets the stages in flight finish.
            Served b = serve(home, db, Map.of());
            assertThat(campaign(b, "graceful").path("state").asText()).isEqualTo("running");
            Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> finished(b, "graceful") >= 3);
            b.process().destroy();
            assertThat(b.process().waitFor(40, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(home.resolve("logs").resolve("clade.log")))
                    .contains("finish their work in flight");

            Served c = serve(home, db, Map.of());
            Awaitility.await()
                    .atMost(Duration.ofMinutes(3))
                    .until(() -> campaign(c, "graceful").path("state").asText().equals("completed"));
            assertEveryNodeOnce(c, home, "graceful");
            JsonNode tree =
                    JSON.readTree(c.get("/api/v1/campaigns/graceful/tree").body());
            assertThat(StreamSupport.stream(tree.spliterator(), false)
                            .map(n -> n.path("state").asText()))
                    .as("no node failed because an instance stopped")
                    .doesNotContain("failed", "invalid");
            List<String> events = events(c, "graceful");
            assertThat(events.stream().filter(e -> e.contains("\"state\":\"released\"")))
                    .as(
                            "the instance that let its stages finish said it released the campaign; events:\n%s\nlog:\n%s",
                            String.join("\n", events),
                            Files.readString(home.resolve("logs").resolve("clade.log")))
                    .hasSizeGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void should_say_it_is_not_ready_but_still_answer_while_its_work_in_flight_finishes_after_sigterm()
            throws Exception {
        try (Databases db = Databases.of("embedded")) {
            Path target = Targets.quadratic(dir.resolve("target"), "8");
            Path home = dir.resolve("home");
            Served s = serve(home, db, Map.of());
            HttpResponse<String> created = s.post("/api/v1/campaigns", Targets.spec("draining", target, BUDGET, 2));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            Awaitility.await()
                    .atMost(Duration.ofMinutes(1))
                    .until(() -> campaign(s, "draining")
                                    .path("nodesByState")
                                    .path("EVALUATING")
                                    .asLong(0)
                            >= 1);
            Thread.sleep(1_000); // past the instant smoke stage: an 8 s stage is in flight

            s.process().destroy(); // SIGTERM
            HttpResponse<String> ready = s.getOpenly("/q/health/ready");
            for (int i = 0; ready.statusCode() == 200 && i < 100; i++) { // until the signal is handled
                Thread.sleep(50);
                ready = s.getOpenly("/q/health/ready");
            }
            assertThat(ready.statusCode())
                    .as("readiness while the stage in flight finishes: %s", ready.body())
                    .isEqualTo(503);
            assertThat(ready.body()).contains("shutting down");
            assertThat(campaign(s, "draining").path("state").asText())
                    .as("the API still answers meanwhile")
                    .isEqualTo("running");
            HttpResponse<String> late = s.post("/api/v1/campaigns", Targets.spec("late", target, 2, 1));
            assertThat(late.statusCode())
                    .as("a campaign sent meanwhile is kept for the next instance: %s", late.body())
                    .isEqualTo(201);
            assertThat(events(s, "late"))
                    .anyMatch(e -> e.contains("waiting for a place: this instance is shutting down"));
            assertThat(s.process().waitFor(40, TimeUnit.SECONDS))
                    .as("stops once its work in flight is done:\n%s", s.output())
                    .isTrue();
            assertThat(Files.readString(home.resolve("logs").resolve("clade.log")))
                    .contains("finish their work in flight");

            Served next = serve(home, db, Map.of());
            assertThat(campaign(next, "late").path("experiments").asInt())
                    .as("nothing of it ran on the instance that was stopping")
                    .isZero();
        }
    }

    @Test
    void should_keep_a_campaign_created_on_a_full_instance_waiting_until_it_has_room() throws Exception {
        try (Databases db = Databases.of("embedded")) {
            Path target = Targets.quadratic(dir.resolve("target"), "1");
            Path home = dir.resolve("home");
            Served s = serve(home, db, Map.of("CLADE_SERVE_MAX_CAMPAIGNS", "1"));
            HttpResponse<String> first = s.post("/api/v1/campaigns", Targets.spec("first", target, 3, 1));
            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            HttpResponse<String> waiting = s.post("/api/v1/campaigns", Targets.spec("waiting", target, 2, 1));
            assertThat(waiting.statusCode())
                    .as("a full instance still takes the campaign: %s", waiting.body())
                    .isEqualTo(201);

            assertThat(campaign(s, "waiting").path("state").asText()).isEqualTo("running");
            assertThat(events(s, "waiting"))
                    .anyMatch(e -> e.contains("waiting for a place: this instance runs 1 campaigns")
                            && e.contains("clade.serve.max-campaigns"));
            Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> finished(s, "first") >= 2);
            assertThat(finished(s, "waiting"))
                    .as("nothing of it runs while the instance is full")
                    .isZero();
            assertThat(s.metric("clade_campaigns_running", "")).hasValue(1);

            Awaitility.await()
                    .atMost(Duration.ofMinutes(2))
                    .until(() -> campaign(s, "first").path("state").asText().equals("completed"));
            Awaitility.await()
                    .atMost(Duration.ofMinutes(2))
                    .until(() -> campaign(s, "waiting").path("state").asText().equals("completed"));
            assertEveryNodeOnce(s, home, "waiting");
        }
    }

    private Served serve(Path home, Databases db, Map<String, String> more) throws IOException {
        Map<String, String> environment = new HashMap<>(db.environment());
        environment.putAll(more);
        Served served = Served.start(home, dir, environment);
        started.add(served);
        return served;
    }

    /** The campaign's summary (state, experiments, budget, nodes by state). */
    private static JsonNode campaign(Served s, String name) throws IOException, InterruptedException {
        HttpResponse<String> r = s.get("/api/v1/campaigns/" + name);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET campaign " + name + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("summary");
    }

    /** Experiments of the campaign in a final state. */
    private static long finished(Served s, String name) throws IOException, InterruptedException {
        JsonNode byState = campaign(s, name).path("nodesByState");
        return Stream.of("SCORED", "GATED", "FAILED", "INVALID")
                .mapToLong(state -> byState.path(state).asLong(0))
                .sum();
    }

    /** Every node 0..budget stands once in the archive, with one branch each, and the budget is spent exactly. */
    private static void assertEveryNodeOnce(Served s, Path home, String name) throws Exception {
        JsonNode c = campaign(s, name);
        int budget = c.path("budget").asInt();
        assertThat(c.path("experiments").asInt()).isEqualTo(budget);
        JsonNode tree =
                JSON.readTree(s.get("/api/v1/campaigns/" + name + "/tree").body());
        List<Long> numbers = StreamSupport.stream(tree.spliterator(), false)
                .map(n -> n.path("number").asLong())
                .sorted()
                .toList();
        assertThat(numbers)
                .as(s.output())
                .isEqualTo(LongStream.rangeClosed(0, budget).boxed().toList());
        try (Stream<Path> repos = Files.list(home.resolve("repos"));
                ExperimentRepository repo =
                        ExperimentRepository.openOrCreate(repos.findFirst().orElseThrow())) {
            assertThat(repo.branches("clade/" + name + "/"))
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, budget)
                            .mapToObj(n -> "clade/" + name + "/" + n)
                            .toList());
        }
    }

    /** The event and data lines of the campaign's event stream, replayed from its first event until it is idle for a second. */
    private static List<String> events(Served s, String name) throws Exception {
        HttpResponse<Stream<String>> r = HttpClient.newHttpClient()
                .send(
                        s.request("/api/v1/campaigns/" + name + "/events?since=0")
                                .header("Accept", "text/event-stream")
                                .timeout(Duration.ofMinutes(1))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> lines = new ArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                r.body().forEach(line -> {
                    synchronized (lines) {
                        lines.add(line);
                    }
                });
            } catch (UncheckedIOException e) {
                // the stream is closed below once it is idle; a campaign that still runs has more to send then
            }
        });
        int seen = -1;
        while (true) {
            Thread.sleep(1_000);
            synchronized (lines) {
                if (lines.size() == seen && seen > 0) {
                    break;
                }
                seen = lines.size();
            }
        }
        r.body().close();
        reader.interrupt();
        synchronized (lines) {
            return lines.stream()
                    .filter(l -> l.startsWith("data:") || l.startsWith("event:"))
                    .toList();
        }
    }
}
