package dev.clade.orchestrator.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.clade.orchestrator.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A crowd of readers cannot take what a running campaign needs: read calls take turns, and one that cannot get a turn
 * within {@code clade.api.read-wait} is answered 503 with {@code Retry-After} and a problem body, while calls that
 * change state and the event stream are not held up; a finished read gives its turn back.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class ReadBudgetTest {

    @Inject
    ApiToken token;

    @Inject
    ReadBudget budget;

    private RequestSpecification authed() {
        return given().header("Authorization", "Bearer " + token.value());
    }

    @Test
    void should_answer_503_to_a_read_that_gets_no_turn_and_serve_it_once_turns_are_free() throws Exception {
        authed().get("/api/v1/campaigns").then().statusCode(200);
        int turns = budget.turnsFree();

        // given: every turn held, as by readers that are slow to finish
        budget.holdAll();
        try {
            // then
            authed().get("/api/v1/campaigns")
                    .then()
                    .statusCode(503)
                    .header("Retry-After", equalTo("1"))
                    .contentType("application/problem+json")
                    .body("detail", containsString("clade.api.max-concurrent-reads"));
            authed().contentType("application/json")
                    .body("{}")
                    .post("/api/v1/campaigns")
                    .then()
                    .statusCode(400); // a call that changes state is not held up (and this one is refused for its body)
        } finally {
            budget.releaseAll();
        }

        // when
        authed().get("/api/v1/campaigns").then().statusCode(200);

        // then: every read gave its turn back, the refused one included
        assertThat(budget.turnsFree()).isEqualTo(turns);
    }
}
