package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.CladeConfig;
import dev.clade.orchestrator.archive.ArchiveService;
import dev.clade.orchestrator.archive.CampaignPlan;
import dev.clade.orchestrator.archive.Evaluation;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.archive.NodeState;
import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignService;
import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.campaign.CampaignState;
import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.cost.CostService;
import dev.clade.orchestrator.evaluation.EvaluationJob;
import dev.clade.orchestrator.evaluation.StagedEvaluator;
import dev.clade.orchestrator.events.EventLog;
import dev.clade.orchestrator.events.EventPublisher;
import dev.clade.orchestrator.experiment.EditableGlobs;
import dev.clade.orchestrator.experiment.ExperimentRepository;
import dev.clade.orchestrator.experiment.ExperimentStore;
import dev.clade.orchestrator.strategy.ArchiveView;
import dev.clade.orchestrator.strategy.SearchStrategy;
import dev.clade.orchestrator.strategy.StrategyCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Runs campaigns: creates or resumes the campaign a spec names, imports its target, runs the loop until the budget is
 * spent, scores the baseline and the best node on the holdout stages, and reports.
 */
@ApplicationScoped
public class CampaignRunner {

    private final CladeConfig config;
    private final CampaignService campaigns;
    private final ArchiveService archive;
    private final ExperimentStore store;
    private final DataSource dataSource;
    private final Backends backends;
    private final CostService costs;
    private final EventLog events;
    private final dev.clade.orchestrator.guidance.GuidanceService guidance;
    private final dev.clade.orchestrator.guidance.KnowledgeService knowledge;
    private final java.util.concurrent.ConcurrentMap<Long, CampaignSession> active =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentMap<Long, StopRequest> requests =
            new java.util.concurrent.ConcurrentHashMap<>();

    public CampaignRunner(
            CladeConfig config,
            CampaignService campaigns,
            ArchiveService archive,
            ExperimentStore store,
            DataSource dataSource,
            Backends backends,
            CostService costs,
            EventLog events,
            dev.clade.orchestrator.guidance.GuidanceService guidance,
            dev.clade.orchestrator.guidance.KnowledgeService knowledge) {
        this.knowledge = knowledge;
        this.config = config;
        this.guidance = guidance;
        this.events = events;
        this.costs = costs;
        this.campaigns = campaigns;
        this.archive = archive;
        this.store = store;
        this.dataSource = dataSource;
        this.backends = backends;
    }

    /** Which isolation the sandbox applies, in one line. */
    public String isolation() {
        return backends.isolation();
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

    /** Runs a stored campaign that is in state RUNNING (as {@link #run} does after it created or resumed it). */
    public RunReport runStored(Campaign campaign, CampaignSpec spec, ProgressListener listener) {
        try (EventPublisher publisher = new EventPublisher(events, campaign.id);
                CampaignLease lease = CampaignLease.acquire(dataSource, campaign.id, spec.name())) {
            ProgressListener told = listener.and(publisher);
            if (campaign.state == CampaignState.RUNNING) {
                knowledge.ensure(spec.knowledge(), told::note);
                ExperimentRepository repo = store.open(Path.of(campaign.repoDir));
                SearchStrategy strategy = StrategyCatalog.create(spec.strategy());
                CampaignSession session = session(campaign, spec, strategy, repo, told);
                told.stateChanged("running", null);
                active.put(campaign.id, session);
                String reason;
                try {
                    reason = session.run();
                } catch (RuntimeException e) {
                    told.stateChanged("stopped", e.getMessage());
                    throw e;
                } finally {
                    active.remove(campaign.id);
                }
                StopRequest request = requests.remove(campaign.id);
                if (request != null) {
                    campaigns.finish(campaign.id, request.state(), request.reason());
                    told.stateChanged(request.state().label(), request.reason());
                    return report(campaign.id);
                }
                boolean pending = !archive.unfinished(campaign.id, strategy.evaluatesOnExpand())
                                .isEmpty()
                        || !archive.runningTasks(campaign.id).isEmpty();
                if (!pending) {
                    archive.all(campaign.id).forEach(n -> Scores.record(n, repo, archive));
                    holdout(campaign, spec, repo, told);
                    campaigns.finish(campaign.id, CampaignState.COMPLETED, reason);
                    told.stateChanged("completed", reason);
                }
            }
            return report(campaign.id);
        }
    }

    /** A pause or cancel asked for while the campaign runs in this process. */
    private record StopRequest(CampaignState state, String reason) {}

    /**
     * Asks the campaign, running in this process, to stop and end in {@code state} (PAUSED or CANCELLED): no new work
     * starts, work in flight finishes. Returns false when it does not run here.
     */
    public boolean requestStop(long campaignId, CampaignState state, String reason) {
        CampaignSession session = active.get(campaignId);
        if (session == null) {
            return false;
        }
        requests.put(campaignId, new StopRequest(state, reason));
        session.requestStop(reason);
        return true;
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
        CampaignSpec.Target target = loaded.spec().target();
        ExperimentRepository repo = store.forSource(target.repo());
        ObjectId base = repo.importTarget(target.repo(), target.ref());
        listener.note("imported " + target.repo() + " at " + base.abbreviate(10).name() + " into " + repo.directory());
        return campaigns.create(loaded, repo.directory(), base.name());
    }

    private CampaignSession session(
            Campaign campaign,
            CampaignSpec spec,
            SearchStrategy strategy,
            ExperimentRepository repo,
            ProgressListener listener) {
        Campaign fresh = campaigns.get(campaign.id);
        CampaignSession.Tools tools = new CampaignSession.Tools(
                repo,
                EditableGlobs.of(spec.target().editable()),
                Proposers.create(spec, campaign.id, config, costs, backends),
                costs.ledger(campaign.id, spec.budget().costUsd()),
                strategy,
                new StagedEvaluator(backends::forName),
                archive,
                campaigns,
                workspace(),
                listener,
                config.waitPoll(),
                confinements(spec, repo),
                Proposers.benchmark(spec, campaign.id, config, costs, backends),
                guidance,
                Proposers.distiller(spec, campaign.id, config, costs));
        return new CampaignSession(campaign.id, fresh.activeMillis, spec, tools);
    }

    private Confinements confinements(CampaignSpec spec, ExperimentRepository repo) {
        return new Confinements(
                repo,
                EditableGlobs.of(spec.target().editable()),
                List.of(config.home(), Path.of(System.getProperty("user.home"))),
                spec.evaluator().strictIsolation());
    }

    private Workspace workspace() {
        return new Workspace(config.work(), config.logs(), config.keepWorkDirs());
    }

    /** Where a promoted agent went. */
    public record Promotion(long node, String agent, Path folder) {}

    /**
     * Exports a node of a campaign (its answer by default) to the folder of the default agent, after checking that it
     * is a usable agent; llm campaigns that name no agent use it from then on.
     *
     * @throws IllegalArgumentException when the campaign or node does not exist or is not an agent
     */
    public Promotion promote(String name, java.util.OptionalLong number) {
        Campaign campaign = campaigns
                .find(name)
                .orElseThrow(() -> new IllegalArgumentException("no campaign named '" + name + "'"));
        NodeInfo node = number.isPresent()
                ? archive.all(campaign.id).stream()
                        .filter(n -> n.number() == number.getAsLong())
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(
                                "campaign '" + name + "' has no node " + number.getAsLong()))
                : report(campaign.id).best().orElse(archive.all(campaign.id).getFirst());
        Path staging = config.work().resolve("promote-" + System.nanoTime());
        try {
            store.open(Path.of(campaign.repoDir))
                    .export(
                            ObjectId.fromString(node.commitId()
                                    .orElseThrow(() ->
                                            new IllegalArgumentException("node " + node.number() + " has no commit"))),
                            staging);
            dev.clade.agents.coder.AgentDefinition agent;
            try {
                agent = dev.clade.agents.coder.AgentFolder.load(staging);
            } catch (dev.clade.agents.coder.AgentException e) {
                throw new IllegalArgumentException(
                        "node " + node.number() + " of '" + name + "' is not an agent: " + e.getMessage());
            }
            Path target = Proposers.promotedDir(config);
            Workspace.delete(target);
            java.nio.file.Files.createDirectories(target.getParent());
            java.nio.file.Files.move(staging, target);
            return new Promotion(node.number(), agent.name(), target);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot promote node " + node.number(), e);
        } finally {
            Workspace.delete(staging);
        }
    }

    /** Scores the baseline and the best node on the holdout stages, which the search never saw. */
    private void holdout(Campaign campaign, CampaignSpec spec, ExperimentRepository repo, ProgressListener listener) {
        List<CampaignSpec.Stage> stages = spec.evaluator().holdoutStages();
        if (stages.isEmpty()) {
            return;
        }
        List<NodeInfo> nodes = archive.all(campaign.id);
        NodeInfo root = nodes.getFirst();
        Optional<NodeInfo> best = answer(campaign.id, spec, nodes);
        StagedEvaluator evaluator = new StagedEvaluator(backends::forName);
        Workspace workspace = workspace();
        for (NodeInfo node : best.filter(b -> b.number() != root.number())
                .map(b -> List.of(root, b))
                .orElse(List.of(root))) {
            if (node.state() != NodeState.SCORED || holdoutScore(node.id()).isPresent()) {
                continue;
            }
            int attempt = archive.nextHoldoutAttempt(node.id());
            Path dir = workspace.holdoutDir(spec.name(), node.number(), attempt);
            try {
                repo.export(ObjectId.fromString(node.commitId().orElseThrow()), dir.resolve("src"));
                EvaluationJob job = new EvaluationJob(
                        spec.name(),
                        node.number(),
                        Optional.empty(),
                        attempt,
                        dir.resolve("src"),
                        dir,
                        workspace.logDir(spec.name(), node.number()).resolve("holdout"),
                        stages,
                        spec.evaluator().direction(),
                        spec.evaluator().outputLimitBytes(),
                        spec.evaluator().env(),
                        confinements(spec, repo)
                                .forCommit(ObjectId.fromString(node.commitId().orElseThrow())));
                evaluator.evaluate(job, run -> {
                    archive.recordStage(node.id(), ArchiveView.WHOLE, attempt, run, true);
                    listener.holdoutScored(
                            node, run.stage().name(), run.outcome().describe());
                });
            } finally {
                workspace.discard(dir);
            }
        }
    }

    /** The node's latest holdout score: the last holdout stage of its latest attempt, when every stage scored. */
    OptionalDouble holdoutScore(long nodeId) {
        List<Evaluation> rows =
                archive.evaluations(nodeId).stream().filter(e -> e.holdout).toList();
        if (rows.isEmpty()) {
            return OptionalDouble.empty();
        }
        int attempt = rows.stream().mapToInt(e -> e.attempt).max().getAsInt();
        Optional<Evaluation> last =
                rows.stream().filter(e -> e.attempt == attempt).max(Comparator.comparingInt(e -> e.stageIndex));
        return last.filter(e -> e.score != null && "SCORED".equals(e.outcome))
                .map(e -> OptionalDouble.of(e.score))
                .orElse(OptionalDouble.empty());
    }

    /** The campaign's answer by its strategy's rule (best score, or HGM's best belief), as a node. */
    private Optional<NodeInfo> answer(long campaignId, CampaignSpec spec, List<NodeInfo> nodes) {
        SearchStrategy strategy = StrategyCatalog.create(spec.strategy());
        ArchiveView view = archive.view(campaignId, CampaignPlan.of(spec, strategy));
        return strategy.finalAnswer(view)
                .flatMap(a ->
                        nodes.stream().filter(n -> n.number() == a.number()).findFirst())
                .filter(n -> n.score().isPresent());
    }

    /** The archive of a campaign as its strategy sees it (scores, evaluations, utilities of every node). */
    public ArchiveView view(long campaignId) {
        CampaignSpec spec = CampaignService.spec(campaigns.get(campaignId)).spec();
        return archive.view(campaignId, CampaignPlan.of(spec, StrategyCatalog.create(spec.strategy())));
    }

    /** Where a campaign stands, from the database alone. */
    public RunReport report(long campaignId) {
        Campaign c = campaigns.get(campaignId);
        CampaignSpec spec = CampaignService.spec(c).spec();
        List<NodeInfo> nodes = archive.all(campaignId);
        NodeInfo root = nodes.getFirst();
        Optional<NodeInfo> best = answer(campaignId, spec, nodes);
        Map<String, Long> counts = nodes.stream()
                .filter(n -> n.number() > 0)
                .collect(Collectors.groupingBy(n -> n.state().name(), TreeMap::new, Collectors.counting()));
        return new RunReport(
                c.name,
                c.state,
                c.stopReason,
                spec.budget().experiments(),
                counts,
                root,
                best,
                holdoutScore(root.id()),
                best.map(b -> holdoutScore(b.id())).orElse(OptionalDouble.empty()),
                Path.of(c.repoDir),
                c.baseCommit,
                Duration.ofMillis(c.activeMillis),
                spec.evaluator().direction() == CampaignSpec.Direction.MAXIMIZE,
                spec.proposer().kind(),
                costs.totals(campaignId),
                spec.budget().costUsd());
    }
}
