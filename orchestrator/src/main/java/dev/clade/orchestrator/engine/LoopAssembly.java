package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.archive.ArchiveService;
import dev.clade.orchestrator.archive.CampaignPlan;
import dev.clade.orchestrator.archive.CodeEmbeddings;
import dev.clade.orchestrator.archive.EvaluationRecords;
import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignService;
import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.config.CladeConfig;
import dev.clade.orchestrator.evaluation.StagedEvaluator;
import dev.clade.orchestrator.events.ProgressListener;
import dev.clade.orchestrator.experiment.ExperimentRepository;
import dev.clade.orchestrator.guidance.GuidanceService;
import dev.clade.orchestrator.guidance.RecommendationStore;
import dev.clade.orchestrator.metrics.CladeMetrics;
import dev.clade.orchestrator.strategy.SearchStrategy;
import dev.clade.orchestrator.timing.Timings;
import dev.langchain4j.model.embedding.EmbeddingModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;

/** Builds one run of a campaign from its spec: the shared context, the loop with its parts, the holdout scoring. */
@ApplicationScoped
class LoopAssembly {

    private final CladeConfig config;
    private final CampaignService campaigns;
    private final ArchiveService archive;
    private final EvaluationRecords records;
    private final Backends backends;
    private final Proposers proposers;
    private final GuidanceService guidance;
    private final CampaignReports reports;
    private final Timings timings;
    private final CladeMetrics metrics;
    private final EmbeddingModel embeddings;
    private final CodeEmbeddings codeEmbeddings;
    private final RecommendationStore recommendations;

    LoopAssembly(
            CladeConfig config,
            CampaignService campaigns,
            ArchiveService archive,
            EvaluationRecords records,
            Backends backends,
            Proposers proposers,
            GuidanceService guidance,
            CampaignReports reports,
            Timings timings,
            CladeMetrics metrics,
            EmbeddingModel embeddings,
            CodeEmbeddings codeEmbeddings,
            RecommendationStore recommendations) {
        this.recommendations = recommendations;
        this.embeddings = embeddings;
        this.codeEmbeddings = codeEmbeddings;
        this.config = config;
        this.campaigns = campaigns;
        this.archive = archive;
        this.records = records;
        this.backends = backends;
        this.proposers = proposers;
        this.guidance = guidance;
        this.reports = reports;
        this.timings = timings;
        this.metrics = metrics;
    }

    RunContext context(
            long campaignId,
            CampaignSpec spec,
            SearchStrategy strategy,
            ExperimentRepository repo,
            ProgressListener listener) {
        Workspace workspace = new Workspace(config.work(), config.logs(), config.keepWorkDirs());
        return new RunContext(
                campaignId,
                spec,
                CampaignPlan.of(spec, strategy),
                archive,
                records,
                repo,
                workspace,
                listener,
                timings.of(spec.name()),
                metrics);
    }

    CampaignLoop loop(RunContext run, SearchStrategy strategy) {
        CampaignSpec spec = run.spec();
        guidance.prepare(spec);
        long id = run.campaignId();
        Campaign fresh = campaigns.get(id);
        CampaignLoop.Parts parts = new CampaignLoop.Parts(
                new Expansion(
                        run,
                        proposers.proposer(spec, id),
                        spec.editablePaths(),
                        guidance,
                        NoveltyGate.of(run, embeddings, codeEmbeddings)),
                new NodeEvaluation(run, evaluator(), confinements(run), proposers.benchmark(spec, id)),
                new Learning(
                        run,
                        guidance,
                        proposers.distiller(spec, id),
                        new Recommendations(run, recommendations, proposers.recommender(spec, id))),
                strategy,
                proposers.ledger(spec, id),
                new ActiveTime(id, campaigns, fresh.activeMillis),
                config.waitPoll());
        return new CampaignLoop(run, parts);
    }

    HoldoutScoring holdout(RunContext run) {
        return new HoldoutScoring(run, evaluator(), confinements(run), reports);
    }

    private StagedEvaluator evaluator() {
        return new StagedEvaluator(backends::forName);
    }

    private Confinements confinements(RunContext run) {
        return new Confinements(
                run.repo(),
                run.spec().editablePaths(),
                List.of(config.home(), Path.of(System.getProperty("user.home"))),
                run.spec().evaluator().strictIsolation());
    }
}
