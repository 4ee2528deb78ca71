package dev.clade.orchestrator.api;

import dev.clade.orchestrator.config.CladeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The read calls of the API take turns: at most {@code clade.api.max-concurrent-reads} at once use the database, so
 * that a crowd of readers (dashboards, scripts polling the tree) never takes the connections a running campaign's
 * workers need, nor the memory of that many archives at once. A call that waits longer than {@code
 * clade.api.read-wait} is answered 503 with {@code Retry-After}. The event stream is not counted: it holds no
 * connection while it waits for events.
 */
@ApplicationScoped
public class ReadBudget {

    private static final String HELD = ReadBudget.class.getName() + ".held";

    private final Semaphore turns;
    private final long waitMillis;

    public ReadBudget(CladeConfig config) {
        this.turns = new Semaphore(Math.max(1, config.api().maxConcurrentReads()), true);
        this.waitMillis = config.api().readWait().toMillis();
    }

    @ServerRequestFilter
    public Optional<Response> take(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean counted = "GET".equals(request.getMethod())
                && (path.startsWith("/api/") || path.startsWith("api/"))
                && !path.endsWith("/events");
        if (!counted) {
            return Optional.empty();
        }
        try {
            // a filter that runs on an event loop must not block it: there a read gets a turn now or never
            boolean taken = io.vertx.core.Context.isOnEventLoopThread()
                    ? turns.tryAcquire()
                    : turns.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
            if (taken) {
                request.setProperty(HELD, Boolean.TRUE);
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.of(Response.fromResponse(Problem.response(
                        Response.Status.SERVICE_UNAVAILABLE,
                        "too many read calls at once; try again shortly (clade.api.max-concurrent-reads)"))
                .header(HttpHeaders.RETRY_AFTER, "1")
                .build());
    }

    /** Turns free now (for tests). */
    int turnsFree() {
        return turns.availablePermits();
    }

    /** Takes every free turn, as readers that are slow to finish would (for tests). */
    void holdAll() {
        held = turns.drainPermits();
    }

    /** Gives back what {@link #holdAll} took. */
    void releaseAll() {
        turns.release(held);
        held = 0;
    }

    private int held;

    @ServerResponseFilter
    public void give(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(HELD) != null) {
            request.removeProperty(HELD);
            turns.release();
        }
    }
}
