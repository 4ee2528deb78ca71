package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.archive.ArchiveService;
import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignService;
import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.campaign.CampaignState;
import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.events.EventLog;
import dev.clade.orchestrator.events.EventPublisher;
import dev.clade.orchestrator.events.ProgressListener;
import dev.clade.orchestrator.experiment.ExperimentException;
import dev.clade.orchestrator.experiment.ExperimentRepository;
import dev.clade.orchestrator.experiment.ExperimentStore;
import dev.clade.orchestrator.guidance.KnowledgeService;
import dev.clade.orchestrator.metrics.CladeMetrics;
import dev.clade.orchestrator.strategy.SearchStrategy;
import dev.clade.orchestrator.strategy.StrategyCatalog;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.sql.DataSource;

/**
 * Runs campaigns: creates or resumes the campaign a spec names, imports its target, runs the loop until the budget is
 * spent, scores the baseline and the answer on the holdout stages, and reports.
 */
@Startup // its gauge is scraped from the start
@ApplicationScoped
public class CampaignRunner {

    static final String SHUTDOWN_REASON =
            "this Clade instance is shutting down; another instance, or its restart, resumes";

    /** A pause or cancel asked for while the campaign runs in this process. */
    private record StopRequest(CampaignState state, String reason) {}

    private final CampaignService campaigns;
    private final ArchiveService archive;
    private final ExperimentStore store;
    private final DataSource dataSource;
    private final EventLog events;
    private final KnowledgeService knowledge;
    private final LoopAssembly assembly;
    private final CampaignCreation creation;
    private final CampaignReports reports;
    private final ConcurrentMap<Long, CampaignLoop> active = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, StopRequest> requests = new ConcurrentHashMap<>();
    private volatile boolean shuttingDown;

    CampaignRunner(
            CampaignService campaigns,
            ArchiveService archive,
            ExperimentStore store,
            DataSource dataSource,
            EventLog events,
            KnowledgeService knowledge,
            LoopAssembly assembly,
            CampaignCreation creation,
            CampaignReports reports,
            CladeMetrics metrics) {
        this.campaigns = campaigns;
        this.archive = archive;
        this.store = store;
        this.dataSource = dataSource;
        this.events = events;
        this.knowledge = knowledge;
        this.assembly = assembly;
        this.creation = creation;
        this.reports = reports;
        metrics.gauge("clade.campaigns.running", "Campaigns this instance runs now", active::size);
    }

    /**
     * Runs (or resumes, or just reports a completed) campaign to the end of its budget.
     *
     * @throws dev.clade.orchestrator.campaign.SpecException when a campaign of that name exists with another spec
     */
    public RunReport run(SpecReader.Loaded loaded, ProgressListener listener) {
        CampaignSpec spec = loaded.spec();
        Campaign campaign = campaigns
                .find(spec.name())
                .map(existing -> campaigns.resume(existing, loaded))
                .orElseGet(() -> create(loaded, listener));
        return runStored(campaign, spec, listener);
    }

    /**
     * Runs a stored campaign that is in state RUNNING (as {@link #run} does after it created or resumed it). Its lease
     * is taken first, so the target's import and the run belong to one process.
     *
     * @throws CampaignLease.CampaignBusyException when another process runs it
     */
    public RunReport runStored(Campaign stored, CampaignSpec spec, ProgressListener listener) {
        try (CampaignLease lease = CampaignLease.acquire(dataSource, stored.id, spec.name());
                EventPublisher publisher = new EventPublisher(events, stored.id)) {
            ProgressListener told = listener.and(publisher);
            Optional<Campaign> imported = imported(campaigns.get(stored.id), told);
            if (imported.isPresent()) {
                run(imported.get(), spec, told);
            }
            return reports.report(stored.id);
        }
    }

    /**
     * The campaign with its target imported (a campaign sent over the API is imported on its first run), re-read, as
     * a pause may have come while it was imported; empty when the import failed, which fails the campaign.
     */
    private Optional<Campaign> imported(Campaign campaign, ProgressListener told) {
        if (campaign.imported()) {
            return Optional.of(campaign);
        }
        try {
            return Optional.of(creation.ensureImported(campaign, told));
        } catch (ExperimentException e) {
            String reason = "the target could not be imported: " + e.getMessage();
            campaigns.finish(campaign.id, CampaignState.FAILED, reason);
            told.stateChanged(CampaignState.FAILED.label(), reason);
            return Optional.empty();
        }
    }

    private void run(Campaign campaign, CampaignSpec spec, ProgressListener told) {
        if (campaign.state != CampaignState.RUNNING) {
            return;
        }
        knowledge.ensure(spec.knowledge(), told::note);
        ExperimentRepository repo = store.open(Path.of(campaign.repoDir));
        repo.clearStaleLocks(Branches.prefix(spec.name()));
        SearchStrategy strategy = StrategyCatalog.create(spec.strategy());
        RunContext run = assembly.context(campaign.id, spec, strategy, repo, told);
        Optional<String> ended = runLoop(run, strategy);
        if (ended.isEmpty()) {
            return; // stopped while it started: the stop wrote the campaign's state and said so
        }
        String reason = ended.get();
        StopRequest request = requests.remove(campaign.id);
        if (request != null) {
            campaigns.finish(campaign.id, request.state(), request.reason());
            told.stateChanged(request.state().label(), request.reason());
        } else if (shuttingDown) {
            told.stateChanged("released", SHUTDOWN_REASON); // stays running, for whoever adopts it
        } else if (!pending(campaign.id, strategy)) {
            archive.all(campaign.id).forEach(n -> Scores.record(n, repo, archive));
            assembly.holdout(run).score();
            campaigns.finish(campaign.id, CampaignState.COMPLETED, reason);
            told.stateChanged("completed", reason);
        }
    }

    /**
     * Runs the loop to its end and returns why it ended; empty, without running it, when a pause or cancel reached the
     * campaign while its run started (after its state was read, before its loop could be asked to stop): that stop
     * found no loop, so it wrote the state itself, and {@link CampaignControl} asks again once it has.
     */
    private Optional<String> runLoop(RunContext run, SearchStrategy strategy) {
        CampaignLoop loop = assembly.loop(run, strategy);
        active.put(run.campaignId(), loop);
        if (campaigns.get(run.campaignId()).state != CampaignState.RUNNING) {
            active.remove(run.campaignId());
            requests.remove(run.campaignId());
            run.workspace().closeCheckouts();
            return Optional.empty();
        }
        run.listener().stateChanged("running", null);
        if (shuttingDown) {
            loop.requestStop(SHUTDOWN_REASON);
        }
        archive.open(run.campaignId(), run.spec().evaluator().direction());
        try {
            return Optional.of(loop.run());
        } catch (RuntimeException e) {
            run.listener().stateChanged("stopped", e.getMessage());
            throw e;
        } finally {
            active.remove(run.campaignId());
            archive.close(run.campaignId());
            run.workspace().closeCheckouts();
        }
    }

    /** Whether work is left unfinished (a stop, not the budget, ended the loop): the campaign stays running. */
    private boolean pending(long campaignId, SearchStrategy strategy) {
        return !archive.unfinished(campaignId, strategy.evaluatesOnExpand()).isEmpty()
                || !archive.runningTasks(campaignId).isEmpty();
    }

    /**
     * Asks the campaign, running in this process, to stop and end in {@code state} (PAUSED or CANCELLED): no new work
     * starts, work in flight finishes. Returns false when it does not run here.
     */
    public boolean requestStop(long campaignId, CampaignState state, String reason) {
        CampaignLoop loop = active.get(campaignId);
        if (loop == null) {
            return false;
        }
        requests.put(campaignId, new StopRequest(state, reason));
        loop.requestStop(reason);
        return true;
    }

    /**
     * This instance is shutting down: every campaign it runs stops taking new work, and leaves its state running when
     * its work in flight ends, for another instance (or this one's restart) to adopt. Returns how many were running.
     */
    public int releaseAll() {
        shuttingDown = true;
        active.values().forEach(loop -> loop.requestStop(SHUTDOWN_REASON));
        return active.size();
    }

    /** Whether {@link #releaseAll} was called. */
    public boolean shuttingDown() {
        return shuttingDown;
    }

    /** How many campaigns run in this process now. */
    public int runningHere() {
        return active.size();
    }

    /** Whether the campaign runs in this process now. */
    public boolean runsHere(long campaignId) {
        return active.containsKey(campaignId);
    }

    /** Imports the target and stores a new campaign (state RUNNING) without running it. */
    Campaign create(SpecReader.Loaded loaded) {
        return create(loaded, ProgressListener.SILENT);
    }

    private Campaign create(SpecReader.Loaded loaded, ProgressListener listener) {
        return creation.create(loaded, listener);
    }
}
