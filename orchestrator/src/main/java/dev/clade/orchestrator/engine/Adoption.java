package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignService;
import dev.clade.orchestrator.campaign.CampaignState;
import dev.clade.orchestrator.config.CladeConfig;
import dev.clade.sandbox.Sandboxes;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Failover between {@code clade serve} instances on one database and one home (docs/service.md): every few seconds
 * an instance looks for running campaigns whose lease no live process holds (PostgreSQL drops a lease the moment its
 * holder dies, even by {@code kill -9}) and adopts one, resuming its unfinished nodes as a restart does. The lease
 * keeps a campaign to one process; a campaign must be seen orphaned on two looks or more before it is taken (more,
 * the more this instance runs already, so the least busy instance tends to take it first), so that a campaign
 * between its creation and its first lease is never taken from the instance that started it.
 */
@ApplicationScoped
public class Adoption {

    private static final Logger LOG = Logger.getLogger(Adoption.class);

    /** Looks in a row a campaign must be seen orphaned before this instance, running nothing, adopts it. */
    static final int LOOKS = 2;

    /** The most looks a busy instance waits: with 3 s between looks, an orphan is taken within about 15 s. */
    static final int MOST_LOOKS = 5;

    private final CampaignService campaigns;
    private final CampaignControl control;
    private final DataSource dataSource;
    private final CladeConfig config;
    private final Map<Long, Integer> orphanedLooks = new HashMap<>();
    private ScheduledExecutorService timer;

    Adoption(CampaignService campaigns, CampaignControl control, DataSource dataSource, CladeConfig config) {
        this.campaigns = campaigns;
        this.control = control;
        this.dataSource = dataSource;
        this.config = config;
    }

    /**
     * Starts every running campaign that no process runs (after a restart of the service), as many as this instance
     * may run; returns how many.
     */
    public synchronized int resumeAll() {
        int started = 0;
        for (Campaign c : orphans()) {
            if (control.launchedHere() >= config.serve().maxCampaigns()) {
                break;
            }
            if (adopt(c)) {
                started++;
            }
        }
        return started;
    }

    /**
     * Looks for orphaned campaigns every {@code clade.serve.adopt-every} from now on, until the instance stops; from
     * now on too, a shutdown gives local stages in flight {@code clade.shutdown.grace} before they are killed.
     */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        Sandboxes.shutdownGrace(config.shutdown().grace());
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "clade-adoption");
            t.setDaemon(true);
            return t;
        });
        long every = config.serve().adoptEvery().toMillis();
        timer.scheduleWithFixedDelay(this::lookSafely, every, every, TimeUnit.MILLISECONDS);
    }

    private void lookSafely() {
        try {
            look();
        } catch (RuntimeException e) {
            LOG.infof(e, "the look for orphaned campaigns failed: %s", e.getMessage());
        }
    }

    /** One look: counts the orphans, adopts at most one that was seen orphaned long enough; returns its name. */
    Optional<String> look() {
        return look(c -> true);
    }

    /** A look among the orphans that {@code eligible} accepts (a test's own campaigns). */
    synchronized Optional<String> look(java.util.function.Predicate<Campaign> eligible) {
        if (control.shuttingDown()) {
            return Optional.empty();
        }
        int runningHere = control.launchedHere();
        int needed = Math.min(LOOKS + runningHere, MOST_LOOKS);
        Set<Long> seen = new HashSet<>();
        Campaign chosen = null;
        for (Campaign c : orphans().stream().filter(eligible).toList()) {
            seen.add(c.id);
            int looks = orphanedLooks.merge(c.id, 1, Integer::sum);
            if (chosen == null && looks >= needed) {
                chosen = c;
            }
        }
        orphanedLooks.keySet().retainAll(seen);
        if (chosen == null || runningHere >= config.serve().maxCampaigns()) {
            return Optional.empty();
        }
        orphanedLooks.remove(chosen.id);
        return adopt(chosen) ? Optional.of(chosen.name) : Optional.empty();
    }

    /** Running campaigns that this process has not launched and no other process holds the lease of. */
    private List<Campaign> orphans() {
        return campaigns.running().stream()
                .filter(c -> !control.launchedHere(c.id))
                .filter(c -> CampaignLease.isFree(dataSource, c.id, c.name))
                .toList();
    }

    /**
     * Launches the campaign here, or pauses it with the reason when this instance cannot reach its repository or
     * the logs (every instance must share {@code $CLADE_HOME}); returns whether it was launched.
     */
    private boolean adopt(Campaign c) {
        Optional<String> unreachable = unreachable(c);
        if (unreachable.isPresent()) {
            LOG.warnf("campaign %s is not adopted: %s", c.name, unreachable.get());
            try {
                control.endUnrun(c, CampaignState.PAUSED, unreachable.get());
            } catch (CampaignControl.ConflictException e) {
                // it ended meanwhile: nothing to pause
            }
            return false;
        }
        LOG.infof("adopting campaign %s: no live process holds its lease", c.name);
        control.launch(c.id);
        return true;
    }

    /** Why this instance cannot run the campaign: its repository or the logs are not where it looks. */
    private Optional<String> unreachable(Campaign c) {
        String share = "; every Clade instance on one database must share one $CLADE_HOME (" + config.home()
                + " here), where the git repositories and logs live. Resume it from an instance that has it";
        if (c.imported()) {
            Path repo = Path.of(c.repoDir);
            if (!Files.isDirectory(repo.resolve("objects")) && !Files.isDirectory(repo.resolve(".git"))) {
                return Optional.of("this instance cannot reach the campaign's git repository at " + repo + share);
            }
        }
        Path logs = config.logs();
        try {
            Files.createDirectories(logs);
        } catch (java.io.IOException | RuntimeException e) {
            // not writable: said below
        }
        return Files.isWritable(logs)
                ? Optional.empty()
                : Optional.of("this instance cannot write the logs at " + logs + share);
    }

    /** Stops looking: the instance stops. */
    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
