package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignService;
import dev.clade.orchestrator.campaign.CampaignState;
import dev.clade.orchestrator.campaign.FieldProblem;
import dev.clade.orchestrator.campaign.SpecException;
import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.config.CladeConfig;
import dev.clade.orchestrator.events.EventLog;
import dev.clade.orchestrator.events.EventPublisher;
import dev.clade.orchestrator.events.ProgressListener;
import dev.clade.orchestrator.experiment.ExperimentException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The lifecycle of campaigns run by this service (REST and {@code clade serve}): create and start, pause, resume,
 * cancel. Runs go to background threads; everything they do is in PostgreSQL and git, so a stop at any point loses
 * nothing. A campaign run by another process (a {@code clade run}) can be watched but not paused from here.
 */
@ApplicationScoped
public class CampaignControl {

    private static final Logger LOG = Logger.getLogger(CampaignControl.class);

    /** How long killed stages may take to end, after the grace, before the instance stops regardless. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(15);

    /** A request that does not fit the campaign's state (HTTP 409). */
    public static final class ConflictException extends IllegalStateException {
        public ConflictException(String message) {
            super(message);
        }
    }

    private final CampaignRunner runner;
    private final CampaignCreation creation;
    private final CampaignService campaigns;
    private final EventLog events;
    private final DataSource dataSource;
    private final CladeConfig config;
    /** Campaigns launched in this process whose run has not ended (importing, running or stopping). */
    private final Set<Long> launched = ConcurrentHashMap.newKeySet();

    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "clade-campaign");
        t.setDaemon(true);
        return t;
    });

    public CampaignControl(
            CampaignRunner runner,
            CampaignCreation creation,
            CampaignService campaigns,
            EventLog events,
            DataSource dataSource,
            CladeConfig config) {
        this.runner = runner;
        this.creation = creation;
        this.campaigns = campaigns;
        this.events = events;
        this.dataSource = dataSource;
        this.config = config;
    }

    /**
     * Stores a new campaign sent over the API and starts it (its local paths checked by {@link
     * TargetPolicy#checkRequest} first); the import of its target runs after the answer, its progress as events, and a
     * target that cannot be imported then fails the campaign with the reason. What can be checked at once (a plain
     * folder past the import limits) is the request's mistake, named as {@code target.repo}.
     */
    public Campaign create(SpecReader.Loaded loaded) {
        if (campaigns.find(loaded.spec().name()).isPresent()) {
            throw new ConflictException("a campaign named '" + loaded.spec().name() + "' exists already");
        }
        Campaign c;
        try {
            c = creation.register(loaded);
        } catch (ExperimentException e) {
            throw SpecException.of("request body", List.of(new FieldProblem("target.repo", e.getMessage())));
        }
        if (!shuttingDown() && launchedHere() < config.serve().maxCampaigns()) {
            launch(c.id); // imports the target first, reporting its progress as events
            return c;
        }
        String why = shuttingDown()
                ? "is shutting down; another instance, or its restart,"
                : "runs " + launchedHere() + " campaigns (clade.serve.max-campaigns); the first instance with room";
        try (EventPublisher publisher = new EventPublisher(events, c.id)) {
            publisher.note("waiting for a place: this instance " + why + " adopts it");
        }
        return c;
    }

    public Campaign find(String name) {
        return campaigns.named(name);
    }

    public void pause(String name) {
        Campaign c = find(name);
        if (c.state != CampaignState.RUNNING) {
            throw new ConflictException(
                    "campaign '" + name + "' is " + c.state.label() + "; only a running one pauses");
        }
        stop(c, CampaignState.PAUSED, "paused on request");
    }

    public void resume(String name) {
        Campaign c = find(name);
        if (c.state == CampaignState.RUNNING && !launchedHere(c.id)) {
            requireNotElsewhere(c);
            launch(c.id);
            return;
        }
        if (c.state != CampaignState.PAUSED) {
            throw new ConflictException(
                    "campaign '" + name + "' is " + c.state.label() + "; only a paused one resumes");
        }
        campaigns.reopen(c.id);
        launch(c.id);
    }

    public void cancel(String name) {
        Campaign c = find(name);
        if (!c.state.open()) {
            throw new ConflictException("campaign '" + name + "' is " + c.state.label() + " already");
        }
        stop(c, CampaignState.CANCELLED, "cancelled on request");
    }

    /**
     * Ends the campaign in {@code state}: through its run when it runs here (work in flight finishes first), else
     * directly, unless another process runs it.
     */
    private void stop(Campaign c, CampaignState state, String reason) {
        if (runner.requestStop(c.id, state, reason)) {
            return;
        }
        boolean starting = launchedHere(c.id); // launched here but not yet looping: its run reads the new state
        if (!starting) {
            requireNotElsewhere(c);
        }
        endUnrun(c, state, reason);
        if (starting) { // a loop that registered before that state was written did not see it: it is asked now
            runner.requestStop(c.id, state, reason);
        }
    }

    /** Ends a campaign that no loop runs now in {@code state}, and says so; refused for one that ended meanwhile. */
    void endUnrun(Campaign c, CampaignState state, String reason) {
        CampaignState found = campaigns.stop(c.id, state, reason);
        if (!found.open()) {
            throw new ConflictException("campaign '" + c.name + "' is " + found.label() + " already");
        }
        try (EventPublisher publisher = new EventPublisher(events, c.id)) {
            publisher.stateChanged(state.label(), reason);
        }
    }

    private void requireNotElsewhere(Campaign c) {
        if (!CampaignLease.isFree(dataSource, c.id, c.name)) {
            throw new ConflictException(
                    "campaign '" + c.name + "' is run by another Clade process (clade run?);" + " stop it there");
        }
    }

    /** Runs the campaign on a background thread of this process (its run takes the lease first). */
    void launch(long campaignId) {
        if (runner.shuttingDown() || !launched.add(campaignId)) {
            return;
        }
        try {
            pool.submit(() -> run(campaignId));
        } catch (RejectedExecutionException e) { // the instance stops meanwhile: the campaign stays for another
            launched.remove(campaignId);
        }
    }

    private void run(long campaignId) {
        String name = "#" + campaignId;
        try {
            Campaign c = campaigns.get(campaignId);
            name = c.name;
            runner.runStored(c, CampaignService.spec(c).spec(), ProgressListener.SILENT);
        } catch (CampaignLease.CampaignBusyException e) {
            LOG.infof("campaign %s is run by another process; left to it", name);
        } catch (RuntimeException | Error e) { // logged here: nothing reads the pool's futures
            if (runner.shuttingDown()) {
                LOG.infof("campaign %s left for re-running after this instance's shutdown: %s", name, e.getMessage());
            } else {
                LOG.errorf(e, "campaign %s stopped: %s", name, e.getMessage());
            }
        } finally {
            launched.remove(campaignId);
        }
    }

    /** Whether this process launched the campaign and its run has not ended. */
    boolean launchedHere(long campaignId) {
        return launched.contains(campaignId);
    }

    /** How many campaigns this process runs (or imports) now. */
    int launchedHere() {
        return launched.size();
    }

    /** Whether this instance is shutting down. */
    boolean shuttingDown() {
        return runner.shuttingDown();
    }

    /**
     * A graceful stop ({@link GracefulShutdown}): no campaign takes new work; stages in flight get {@code
     * clade.shutdown.grace} to finish, then their processes are killed (their nodes stay unfinished, for whoever
     * adopts the campaign to run again); every lease is given back as its run ends, and the campaigns stay running.
     */
    void finishInFlight() {
        int running = runner.releaseAll();
        pool.shutdown();
        if (running > 0) {
            LOG.infof(
                    "shutting down: %d campaign(s) finish their work in flight (at most %s)",
                    running, config.shutdown().grace());
        }
        try {
            if (!pool.awaitTermination(config.shutdown().grace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.infof(
                        "shutting down: the grace of %s is over; stages still running are killed",
                        config.shutdown().grace());
                pool.shutdownNow();
                pool.awaitTermination(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
