package dev.clade.orchestrator.health;

import dev.clade.orchestrator.engine.CampaignRunner;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * The process is alive: it answers. Nothing outside it (the database, a cluster) makes it not live, since a restart
 * would not mend those; readiness says whether it can work.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    private final CampaignRunner runner;

    public LivenessCheck(CampaignRunner runner) {
        this.runner = runner;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("clade")
                .up()
                .withData("pid", ProcessHandle.current().pid())
                .withData("campaigns", runner.runningHere())
                .build();
    }
}
