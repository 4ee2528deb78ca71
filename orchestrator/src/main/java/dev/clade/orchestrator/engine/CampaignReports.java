package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.archive.ArchiveService;
import dev.clade.orchestrator.archive.CampaignPlan;
import dev.clade.orchestrator.archive.Evaluation;
import dev.clade.orchestrator.archive.EvaluationRecords;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignService;
import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.cost.CostService;
import dev.clade.orchestrator.strategy.ArchiveView;
import dev.clade.orchestrator.strategy.Direction;
import dev.clade.orchestrator.strategy.IslandMap;
import dev.clade.orchestrator.strategy.SearchStrategy;
import dev.clade.orchestrator.strategy.StrategyCatalog;
import dev.clade.orchestrator.strategy.StrategySpec;
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

/**
 * The read side of campaigns: where one stands (its report), its archive as its strategy sees it, its answer and the
 * holdout scores, all from the database alone, whether the campaign runs in this process, another, or none.
 */
@ApplicationScoped
public class CampaignReports {

    private final CampaignService campaigns;
    private final ArchiveService archive;
    private final EvaluationRecords records;
    private final CostService costs;
    private final ReadCache<RunReport> recent = new ReadCache<>(KEPT_REPORTS);

    /** How many campaigns' reports are kept. */
    static final int KEPT_REPORTS = 256;

    public CampaignReports(
            CampaignService campaigns, ArchiveService archive, EvaluationRecords records, CostService costs) {
        this.campaigns = campaigns;
        this.archive = archive;
        this.records = records;
        this.costs = costs;
    }

    /**
     * Where a campaign stands, from the database alone (or the archive this process keeps in memory while it runs the
     * campaign). A report is kept while the campaign's row reads the same and, for a campaign that runs here, its
     * archive has not moved: a run anywhere moves the row's counters (active time, next node, state) at least once a
     * second, so what is kept is never more than about a second behind.
     */
    public RunReport report(long campaignId) {
        return report(campaigns.get(campaignId));
    }

    /** As {@link #report(long)}, for a campaign row the caller has read. */
    public RunReport report(Campaign c) {
        return report(c, Duration.ZERO);
    }

    /**
     * As {@link #report(Campaign)}, for readers who poll: while the campaign runs, a report at most {@code liveAge}
     * older than this read is served again (see {@link ReadState}).
     */
    public RunReport report(Campaign c, Duration liveAge) {
        return recent.get(c.id, stateOf(c), liveAge, () -> fresh(c));
    }

    /**
     * The state of a campaign that what is read of it depends on: its row's counters and, when it runs here, its
     * archive's version. Equal states mean nothing read of the campaign has changed, so an answer built for one holds.
     */
    public ReadState stateOf(Campaign c) {
        return ReadState.of(c, archive.version(c.id).orElse(-1));
    }

    private RunReport fresh(Campaign c) {
        long campaignId = c.id;
        CampaignSpec spec = CampaignService.spec(c).spec();
        List<NodeInfo> nodes = archive.all(campaignId);
        NodeInfo root = nodes.isEmpty() ? NodeInfo.notImported() : nodes.getFirst();
        Optional<NodeInfo> best = nodes.isEmpty() ? Optional.empty() : answer(campaignId, spec, nodes);
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
                spec.evaluator().direction() == Direction.MAXIMIZE,
                spec.proposer().kind(),
                costs.totals(campaignId),
                spec.budget().costUsd(),
                spec.proposer().usesModel()
                        ? ModelUsage.of(
                                ModelUsage.members(spec.proposer()),
                                nodes,
                                costs.byNodeAndModel(campaignId),
                                spec.evaluator().direction())
                        : List.of(),
                nodes.stream()
                        .mapToLong(n -> Long.parseLong(n.meta().getOrDefault(Expansion.NEAR_COPIES, "0")))
                        .sum());
    }

    /** The archive of a campaign as its strategy sees it (scores, evaluations, utilities of every node). */
    public ArchiveView view(long campaignId) {
        CampaignSpec spec = CampaignService.spec(campaigns.get(campaignId)).spec();
        return archive.view(campaignId, CampaignPlan.of(spec, StrategyCatalog.create(spec.strategy())));
    }

    /** The islands, grids and migrations of a campaign whose strategy is islands; empty for other strategies. */
    public Optional<IslandMap> islands(long campaignId) {
        return islands(campaignId, view(campaignId));
    }

    /** As {@link #islands(long)}, from the campaign's archive already at hand ({@link #view}). */
    public Optional<IslandMap> islands(long campaignId, ArchiveView view) {
        return CampaignService.spec(campaigns.get(campaignId)).spec().strategy()
                        instanceof StrategySpec.Islands settings
                ? Optional.of(IslandMap.of(view, settings))
                : Optional.empty();
    }

    /** The campaign's answer by its strategy's rule (best score, or HGM's best belief), as one of {@code nodes}. */
    Optional<NodeInfo> answer(long campaignId, CampaignSpec spec, List<NodeInfo> nodes) {
        SearchStrategy strategy = StrategyCatalog.create(spec.strategy());
        ArchiveView view = archive.view(campaignId, CampaignPlan.of(spec, strategy));
        return strategy.finalAnswer(view)
                .flatMap(a ->
                        nodes.stream().filter(n -> n.number() == a.number()).findFirst())
                .filter(n -> n.score().isPresent());
    }

    /** The node's latest holdout score: the last holdout stage of its latest attempt, when every stage scored. */
    OptionalDouble holdoutScore(long nodeId) {
        List<Evaluation> rows =
                records.evaluations(nodeId).stream().filter(e -> e.holdout).toList();
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
}
