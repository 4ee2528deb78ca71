package dev.clade.orchestrator.api;

import dev.clade.orchestrator.config.CladeConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every API call that changes state needs {@code Authorization: Bearer <token>}; read calls too, unless {@code
 * clade.api.public-reads} opens them. The event stream also takes the token as {@code ?access_token=}, since browsers'
 * EventSource cannot send headers.
 */
public class AuthFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final ApiToken token;
    private final CladeConfig config;

    public AuthFilter(ApiToken token, CladeConfig config) {
        this.token = token;
        this.config = config;
    }

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") && !path.startsWith("api/")) {
            return Optional.empty();
        }
        boolean read = READS.contains(request.getMethod());
        if (read && config.api().publicReads()) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String bearer = ApiToken.bearer(header);
        String presented = bearer != null || !read
                ? bearer
                : request.getUriInfo().getQueryParameters().getFirst("access_token");
        if (token.matches(presented)) {
            return Optional.empty();
        }
        Response problem = Problem.response(
                Response.Status.UNAUTHORIZED,
                presented == null
                        ? "this call needs Authorization: Bearer <token> (the token is in $CLADE_HOME/api-token, or"
                                + " CLADE_API_TOKEN)"
                        : "the bearer token is not this service's");
        return Optional.of(Response.fromResponse(problem)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"clade\"")
                .build());
    }
}
