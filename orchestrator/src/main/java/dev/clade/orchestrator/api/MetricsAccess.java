package dev.clade.orchestrator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clade.orchestrator.config.CladeConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * {@code /q/metrics} tells the campaigns' names and what they cost, so it takes the API's bearer token like the API's
 * reads, unless {@code clade.api.public-reads} opens them. It is served outside the REST layer, so {@link AuthFilter}
 * does not see it: this route filter does the same check. The health endpoints stay open for probes.
 */
@ApplicationScoped
public class MetricsAccess {

    static final String PATH = "/q/metrics";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiToken token;
    private final CladeConfig config;

    public MetricsAccess(ApiToken token, CladeConfig config) {
        this.token = token;
        this.config = config;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 100);
    }

    private void check(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (!(path.equals(PATH) || path.startsWith(PATH + "/")) || config.api().publicReads()) {
            rc.next();
            return;
        }
        String presented = ApiToken.bearer(rc.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (token.matches(presented)) {
            rc.next();
            return;
        }
        Problem problem = new Problem(
                "https://clade.dev/problems/unauthorized",
                "Unauthorized",
                401,
                presented == null
                        ? "the metrics need Authorization: Bearer <token> (the token is in $CLADE_HOME/api-token, or"
                                + " CLADE_API_TOKEN), unless clade.api.public-reads is set"
                        : "the bearer token is not this service's",
                List.of());
        String body;
        try {
            body = JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":401}";
        }
        rc.response()
                .setStatusCode(401)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader("WWW-Authenticate", "Bearer realm=\"clade\"")
                .end(body);
    }
}
