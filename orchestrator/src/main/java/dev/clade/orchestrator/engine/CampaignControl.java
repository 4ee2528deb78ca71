package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignService;
import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.campaign.CampaignState;
import dev.clade.orchestrator.campaign.FieldProblem;
import dev.clade.orchestrator.campaign.SpecException;
import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.events.EventLog;
import dev.clade.orchestrator.events.EventPublisher;
import dev.clade.orchestrator.events.ProgressListener;
import dev.clade.orchestrator.experiment.ExperimentException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
            DataSource dataSource) {
        this.runner = runner;
        this.creation = creation;
        this.campaigns = campaigns;
        this.events = events;
        this.dataSource = dataSource;
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
        launch(c.id); // imports the target first, reporting its progress as events
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
        if (c.state == CampaignState.RUNNING && !runner.runsHere(c.id)) {
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
        if (c.state != CampaignState.RUNNING && c.state != CampaignState.PAUSED) {
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
        requireNotElsewhere(c);
        campaigns.finish(c.id, state, reason);
        try (EventPublisher publisher = new EventPublisher(events, c.id)) {
            publisher.stateChanged(state.label(), reason);
        }
    }

    /** Starts every running campaign that no process runs (after a restart of the service). */
    public int resumeAll() {
        int started = 0;
        for (Campaign c : campaigns.list()) {
            if (c.state == CampaignState.RUNNING
                    && !runner.runsHere(c.id)
                    && CampaignLease.isFree(dataSource, c.id, c.name)) {
                launch(c.id);
                started++;
            }
        }
        return started;
    }

    private void requireNotElsewhere(Campaign c) {
        if (!CampaignLease.isFree(dataSource, c.id, c.name)) {
            throw new ConflictException(
                    "campaign '" + c.name + "' is run by another Clade process (clade run?);" + " stop it there");
        }
    }

    private void launch(long campaignId) {
        pool.submit(() -> {
            Campaign c = campaigns.get(campaignId);
            CampaignSpec spec = CampaignService.spec(c).spec();
            try {
                runner.runStored(c, spec, ProgressListener.SILENT);
            } catch (RuntimeException e) {
                LOG.errorf(e, "campaign %s stopped: %s", c.name, e.getMessage());
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        pool.shutdownNow();
    }
}
