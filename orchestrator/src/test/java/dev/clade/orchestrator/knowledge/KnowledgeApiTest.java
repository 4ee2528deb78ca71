package dev.clade.orchestrator.knowledge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.clade.orchestrator.api.ApiToken;
import dev.clade.orchestrator.testing.EmbeddedPostgresResource;
import dev.clade.orchestrator.testing.KnowledgeSamples;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The knowledge endpoints over HTTP: ingestion, search, pages, sources, and their 400/401/404 cases. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class KnowledgeApiTest {

    @Inject
    ApiToken token;

    @TempDir
    Path dir;

    private RequestSpecification authed() {
        return given().header("Authorization", "Bearer " + token.value());
    }

    @Test
    void should_ingest_search_and_show_pages() {
        Path corpus = KnowledgeSamples.corpus(dir.resolve("corpus"));

        authed().contentType(ContentType.JSON)
                .body(Map.of("location", corpus.toString()))
                .post("/api/v1/knowledge/sources")
                .then()
                .statusCode(201)
                .body("pages", equalTo(KnowledgeSamples.PAGES))
                .body("byType.workflow", greaterThan(0))
                .body("skipped.size()", equalTo(0));

        int id = authed().get("/api/v1/knowledge?q={q}&limit=3", "how do I pick a good learning rate")
                .then()
                .statusCode(200)
                .body("hits[0].key", equalTo("docs/tuning.md#learning-rate-first"))
                .body("hits[0].type", equalTo("heuristic"))
                .body("hits[0].excerpt", containsString("log scale"))
                .body("pages", greaterThan(0))
                .extract()
                .path("hits[0].id");
        authed().get("/api/v1/knowledge?q={q}&type=environment,workflow", "out of memory")
                .then()
                .statusCode(200)
                .body("hits.type", not(hasItem("heuristic")));
        authed().get("/api/v1/knowledge/pages/" + id)
                .then()
                .statusCode(200)
                .body("body", containsString("learning rate"))
                .body("linkedFrom.title", hasItem("Steps"));
        authed().get("/api/v1/knowledge/sources").then().statusCode(200).body("location", hasItem(corpus.toString()));
    }

    @Test
    void should_say_what_is_wrong_with_a_request() {
        given().get("/api/v1/knowledge?q=x").then().statusCode(401);
        given().contentType(ContentType.JSON)
                .body(Map.of("location", dir.toString()))
                .post("/api/v1/knowledge/sources")
                .then()
                .statusCode(401);
        authed().get("/api/v1/knowledge")
                .then()
                .statusCode(400)
                .body("detail", startsWith("q:"))
                .body("errors[0].field", equalTo("q"));
        authed().get("/api/v1/knowledge?q=x&type=recipe")
                .then()
                .statusCode(400)
                .body("detail", containsString("'recipe' is not a page type"))
                .body("errors[0].field", equalTo("type"));
        authed().get("/api/v1/knowledge/pages/999999").then().statusCode(404).contentType("application/problem+json");
        authed().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/knowledge/sources")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("location"));
        authed().contentType(ContentType.JSON)
                .body(Map.of("location", dir.resolve("nowhere").toString()))
                .post("/api/v1/knowledge/sources")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("location"))
                .body("errors[0].message", containsString("nowhere"));
        for (String outside : java.util.List.of("/etc", "/root/.ssh", "relative/docs")) {
            authed().contentType(ContentType.JSON)
                    .body(Map.of("location", outside))
                    .post("/api/v1/knowledge/sources")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("location"))
                    .body(
                            "errors[0].message",
                            containsString(outside.startsWith("/") ? "clade.api.repo-roots" : "relative"));
        }
    }
}
