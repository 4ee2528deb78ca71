package dev.clade.orchestrator.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.clade.orchestrator.testing.EmbeddedPostgresResource;
import dev.clade.orchestrator.testing.Targets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API over HTTP: auth, validation, lifecycle, the archive, node details and the event stream. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class CampaignApiTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Inject
    ApiToken token;

    @TestHTTPResource("/")
    URL base;

    @TempDir
    Path dir;

    private RequestSpecification authed() {
        return given().header("Authorization", "Bearer " + token.value());
    }

    private String spec(String name, int experiments, String delay) throws Exception {
        Path target = Targets.quadratic(dir.resolve(name), delay);
        ObjectNode tree = (ObjectNode) YAML.readTree(Targets.spec(name, target, experiments, 1));
        return tree.toString();
    }

    private String state(String name) {
        return authed().get("/api/v1/campaigns/" + name).then().extract().path("summary.state");
    }

    @Test
    void should_refuse_calls_without_the_token_and_with_a_wrong_one() {
        given().get("/api/v1/campaigns")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("detail", containsString("Authorization: Bearer"));
        given().header("Authorization", "Bearer nope")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/campaigns")
                .then()
                .statusCode(401)
                .body("detail", containsString("not this service's"));
    }

    @Test
    void should_reject_a_bad_spec_naming_each_field() {
        authed().contentType(ContentType.JSON)
                .body("{\"name\": \"bad name\", \"budget\": {\"experiments\": -1}}")
                .post("/api/v1/campaigns")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("target"))
                .body("errors.field", hasItem("budget.experiments"));
    }

    @Test
    void should_say_what_is_wrong_and_where_in_malformed_json() {
        authed().contentType(ContentType.JSON)
                .body("{\"name\": \"x\",\n  \"goal\": }")
                .post("/api/v1/campaigns")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"))
                .body("detail", containsString("line 2, column"));
    }

    @Test
    void should_refuse_a_spec_whose_globs_do_not_compile() throws Exception {
        String spec = spec("bad-glob", 2, "0").replaceFirst("\"editable\":\\[[^]]*]", "\"editable\":[\"solver[.py\"]");

        authed().contentType(ContentType.JSON)
                .body(spec)
                .post("/api/v1/campaigns")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("target.editable[0]"));
        authed().get("/api/v1/campaigns/bad-glob").then().statusCode(404);
    }

    @Test
    void should_refuse_an_oversized_body_and_numbers_that_are_not_numbers() {
        authed().contentType(ContentType.JSON)
                .body("{\"goal\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}")
                .post("/api/v1/campaigns")
                .then()
                .statusCode(400)
                .body("detail", containsString("larger than 1048576 bytes"));
        authed().get("/api/v1/campaigns?page=abc").then().statusCode(400).body("errors[0].field", equalTo("page"));
        authed().get("/api/v1/lessons?size=lots").then().statusCode(400).body("errors[0].field", equalTo("size"));
        authed().get("/api/v1/campaigns?page=107374183&size=20")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("page"));
    }

    @Test
    void should_accept_only_absolute_local_targets_under_the_api_roots() throws Exception {
        String spec = spec("rooted", 1, "0");
        authed().contentType(ContentType.JSON)
                .body(spec.replaceFirst("\"repo\":\"[^\"]*\"", "\"repo\":\"ext::sh -c id\""))
                .post("/api/v1/campaigns")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("target.repo"));
        for (String repo : List.of("/etc", "/root", "relative/folder", "/proc/self", "file:///etc", "/tmp/a\\u0000b")) {
            authed().contentType(ContentType.JSON)
                    .body(spec.replaceFirst(
                            "\"repo\":\"[^\"]*\"",
                            java.util.regex.Matcher.quoteReplacement("\"repo\":\"" + repo + "\"")))
                    .post("/api/v1/campaigns")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("target.repo"))
                    .body(
                            "errors[0].message",
                            repo.contains("\\u0000")
                                    ? containsString("is not a path")
                                    : repo.startsWith("relative")
                                            ? containsString("relative")
                                            : containsString("clade.api.repo-roots"));
        }
        authed().get("/api/v1/campaigns/rooted").then().statusCode(404);
    }

    @Test
    void should_answer_before_the_import_and_fail_a_campaign_whose_target_cannot_be_imported() throws Exception {
        String spec = spec("unreachable", 1, "0")
                .replaceFirst(
                        "\"repo\":\"[^\"]*\"",
                        java.util.regex.Matcher.quoteReplacement("\"repo\":\"https://127.0.0.1:1/nothing.git\""));

        authed().contentType(ContentType.JSON)
                .body(spec)
                .post("/api/v1/campaigns")
                .then()
                .statusCode(201)
                .body("name", equalTo("unreachable"));

        await().atMost(Duration.ofMinutes(1)).until(() -> "failed".equals(state("unreachable")));
        authed().get("/api/v1/campaigns/unreachable")
                .then()
                .body("summary.stopReason", containsString("the target could not be imported"))
                .body("summary.stopReason", containsString("127.0.0.1:1"));
        List<String[]> events = read("api/v1/campaigns/unreachable/events", "0", 3);
        assertThat(events).extracting(e -> e[2]).anyMatch(data -> data.contains("importing https://127.0.0.1:1"));
    }

    @Test
    void should_answer_404_for_unknown_campaigns_and_nodes() {
        authed().get("/api/v1/campaigns/nope").then().statusCode(404).body("detail", containsString("nope"));
        authed().post("/api/v1/campaigns/nope/pause").then().statusCode(404);
    }

    @Test
    void should_run_a_campaign_posted_as_json_and_show_its_archive_and_nodes() throws Exception {
        String location = authed().contentType(ContentType.JSON)
                .body(spec("api-run", 3, "0"))
                .post("/api/v1/campaigns")
                .then()
                .statusCode(201)
                .body("name", equalTo("api-run"))
                .extract()
                .header("Location");
        assertThat(location).endsWith("/api/v1/campaigns/api-run");
        authed().contentType(ContentType.JSON)
                .body(spec("api-run", 3, "0"))
                .post("/api/v1/campaigns")
                .then()
                .statusCode(409);

        await().atMost(Duration.ofMinutes(2)).until(() -> "completed".equals(state("api-run")));

        authed().get("/api/v1/campaigns?page=0&size=50")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .body("items.name", hasItem("api-run"));
        authed().get("/api/v1/campaigns?size=0").then().statusCode(400);
        authed().get("/api/v1/campaigns/api-run")
                .then()
                .body("summary.experiments", equalTo(3))
                .body("summary.bestScore", notNullValue())
                .body("spec.name", equalTo("api-run"))
                .body("bestHoldout", notNullValue());
        List<Integer> numbers = authed().get("/api/v1/campaigns/api-run/tree")
                .then()
                .statusCode(200)
                .extract()
                .path("number");
        assertThat(numbers).containsExactly(0, 1, 2, 3);
        authed().get("/api/v1/campaigns/api-run/nodes/1")
                .then()
                .statusCode(200)
                .body("parent", equalTo(0))
                .body("diff", containsString("params.txt"))
                .body("stages.stage", hasItem("full"));
        Integer stage = authed().get("/api/v1/campaigns/api-run/nodes/1")
                .then()
                .extract()
                .path("stages.find { it.stage == 'full' }.id");
        authed().get("/api/v1/campaigns/api-run/nodes/1/logs/" + stage + "/stdout")
                .then()
                .statusCode(200)
                .body(containsString("\"score\""));
        authed().get("/api/v1/campaigns/api-run/nodes/99").then().statusCode(404);
        authed().get("/api/v1/campaigns/api-run/nodes/1/logs/" + stage + "/other")
                .then()
                .statusCode(400);
        authed().post("/api/v1/campaigns/api-run/pause").then().statusCode(409);
        // Not a self-improvement campaign: no agent versions.
        authed().get("/api/v1/agents")
                .then()
                .statusCode(200)
                .body("campaign", org.hamcrest.Matchers.not(hasItem("api-run")));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/campaigns/{name}/tree"));
        // Lessons with their evidence, of the campaign and of one node.
        authed().get("/api/v1/lessons?campaign=api-run")
                .then()
                .statusCode(200)
                .body("items.evidence.flatten().campaign", hasItem("api-run"));
        authed().get("/api/v1/lessons?size=0").then().statusCode(400);
        given().get("/api/v1/lessons").then().statusCode(401);
    }

    @Test
    void should_pause_resume_and_cancel_a_running_campaign() throws Exception {
        authed().contentType(ContentType.JSON)
                .body(spec("api-life", 50, "0.3"))
                .post("/api/v1/campaigns")
                .then()
                .statusCode(201);

        authed().post("/api/v1/campaigns/api-life/pause").then().statusCode(202);
        await().atMost(Duration.ofMinutes(1)).until(() -> "paused".equals(state("api-life")));
        authed().post("/api/v1/campaigns/api-life/pause").then().statusCode(409);

        authed().post("/api/v1/campaigns/api-life/resume").then().statusCode(202);
        await().atMost(Duration.ofMinutes(1)).until(() -> "running".equals(state("api-life")));
        authed().post("/api/v1/campaigns/api-life/cancel").then().statusCode(202);
        await().atMost(Duration.ofMinutes(1)).until(() -> "cancelled".equals(state("api-life")));
        authed().post("/api/v1/campaigns/api-life/resume").then().statusCode(409);
        authed().post("/api/v1/campaigns/api-life/cancel").then().statusCode(409);
        int experiments =
                authed().get("/api/v1/campaigns/api-life").then().extract().path("summary.experiments");
        assertThat(experiments).isLessThan(50);
    }

    @Test
    void should_stream_events_and_replay_what_a_reconnecting_client_missed() throws Exception {
        authed().contentType(ContentType.JSON)
                .body(spec("api-events", 2, "0"))
                .post("/api/v1/campaigns")
                .then()
                .statusCode(201);
        await().atMost(Duration.ofMinutes(2)).until(() -> "completed".equals(state("api-events")));

        List<String[]> all = read("api/v1/campaigns/api-events/events", "0", 100);
        assertThat(all)
                .extracting(e -> e[1])
                .contains("campaign.state", "node.proposed", "evaluation.started", "node.finished", "best.changed");
        assertThat(all.getLast()[2]).contains("\"state\":\"completed\"");
        long third = Long.parseLong(all.get(2)[0]);
        List<String[]> rest = read("api/v1/campaigns/api-events/events", Long.toString(third), 100);
        assertThat(rest).hasSize(all.size() - 3);
        assertThat(rest.getFirst()[0]).isEqualTo(all.get(3)[0]);
        HttpResponse<Void> denied = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(base.toURI().resolve("api/v1/events"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(denied.statusCode()).isEqualTo(401);
    }

    /** Reads (id, kind, data) of the events after {@code lastId}, until {@code count} or two seconds of silence. */
    private List<String[]> read(String path, String lastId, int count) throws Exception {
        URI uri = base.toURI().resolve(path + "?access_token=" + token.value());
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Last-Event-ID", lastId)
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<java.io.InputStream> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).as("status of %s", path).isEqualTo(200);
        List<String[]> events = new ArrayList<>();
        Thread closer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(3000);
                response.body().close();
            } catch (Exception ignored) {
                // the stream ends the read
            }
        });
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String kind = null;
            String line;
            while (events.size() < count && (line = in.readLine()) != null) {
                if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    kind = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    events.add(new String[] {id, kind, line.substring(5)});
                }
            }
        } catch (java.io.IOException closed) {
            // the closer ended the stream
        }
        closer.interrupt();
        return events;
    }
}
