package dev.clade.orchestrator.health;

import dev.clade.orchestrator.campaign.Backend;
import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignService;
import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.engine.Backends;
import dev.clade.orchestrator.engine.CampaignRunner;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The instance can take work: it is not shutting down, and every job backend that a running campaign's stages use
 * answers ({@code sinfo} for Slurm, the API for Kubernetes). Backends are asked at most every {@link #REASK}, since
 * probes come often and {@code sinfo} is a process.
 */
@Readiness
@ApplicationScoped
public class WorkCheck implements HealthCheck {

    static final Duration REASK = Duration.ofSeconds(10);

    private final CampaignRunner runner;
    private final CampaignService campaigns;
    private Answer last;

    public WorkCheck(CampaignRunner runner, CampaignService campaigns) {
        this.runner = runner;
        this.campaigns = campaigns;
    }

    private record Answer(long atNanos, Map<Backend, Optional<String>> problems) {}

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("work");
        if (runner.shuttingDown()) {
            return r.down().withData("problem", "shutting down").build();
        }
        boolean up = true;
        for (Map.Entry<Backend, Optional<String>> e : problems().entrySet()) {
            r.withData(e.getKey().label(), e.getValue().orElse("answers"));
            up &= e.getValue().isEmpty();
        }
        return r.status(up).build();
    }

    private synchronized Map<Backend, Optional<String>> problems() {
        long now = System.nanoTime();
        if (last == null || now - last.atNanos() > REASK.toNanos()) {
            Map<Backend, Optional<String>> problems = new LinkedHashMap<>();
            for (Backend b : inUse()) {
                problems.put(b, Backends.unanswered(b));
            }
            last = new Answer(now, problems);
        }
        return last.problems();
    }

    /** The job backends the stages of running campaigns use (the local sandbox is not asked). */
    private Set<Backend> inUse() {
        Set<Backend> used = EnumSet.noneOf(Backend.class);
        for (Campaign c : campaigns.running()) {
            for (CampaignSpec.Stage s :
                    CampaignService.spec(c).spec().evaluator().stages()) {
                used.add(s.execution().backend());
            }
        }
        used.remove(Backend.LOCAL);
        return used;
    }
}
