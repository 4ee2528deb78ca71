package dev.clade.orchestrator.engine;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The order of a graceful stop (SIGTERM, as Kubernetes sends it, or Ctrl-C). Quarkus announces it with {@link
 * ShutdownDelayInitiatedEvent} before its HTTP server stops ({@code quarkus.shutdown.delay-enabled} is on for that):
 * from then on readiness is down ("shutting down"), no campaign takes new work, and the API and the dashboard still
 * answer while the work in flight finishes ({@link CampaignControl#finishInFlight}, at most {@code
 * clade.shutdown.grace}). {@link ShutdownEvent}, which comes after the server has stopped, does it only when the stop
 * was not announced: the instance never waits twice.
 */
@ApplicationScoped
public class GracefulShutdown {

    private final CampaignControl control;
    private final AtomicBoolean finished = new AtomicBoolean();

    public GracefulShutdown(CampaignControl control) {
        this.control = control;
    }

    void onAnnounced(@Observes ShutdownDelayInitiatedEvent event) {
        finishOnce();
    }

    void onStop(@Observes ShutdownEvent event) {
        finishOnce();
    }

    private void finishOnce() {
        if (finished.compareAndSet(false, true)) {
            control.finishInFlight();
        }
    }
}
