package dev.clade.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clade.memory.store.LessonStore;
import dev.clade.orchestrator.archive.ArchiveService;
import dev.clade.orchestrator.archive.Evaluation;
import dev.clade.orchestrator.archive.EvaluationRecords;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignService;
import dev.clade.orchestrator.config.CladeConfig;
import dev.clade.orchestrator.engine.CampaignReports;
import dev.clade.orchestrator.engine.ReadCache;
import dev.clade.orchestrator.engine.RunReport;
import dev.clade.orchestrator.experiment.ExperimentStore;
import dev.clade.orchestrator.strategy.ArchiveView;
import dev.clade.orchestrator.strategy.HuxleyGodelSearch;
import dev.clade.orchestrator.strategy.IslandMap;
import dev.clade.orchestrator.strategy.StrategySpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The read side of the campaigns API: campaigns paged in SQL, one campaign, its archive tree, a node with its stages and
 * diff, a stage's log. Each answer is a response record built from the services' values; a missing campaign, node or
 * log is a {@link NoSuchElementException} (404).
 */
@ApplicationScoped
public class CampaignQueries {

    /** The most of a log one request returns. */
    static final int MAX_LOG_BYTES = 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CampaignService campaigns;
    private final CampaignReports reports;
    private final ArchiveService archive;
    private final EvaluationRecords records;
    private final ExperimentStore store;
    private final LessonStore lessons;
    private final ObjectMapper mapper;
    private final ReadCache<Kept> trees = new ReadCache<>(32);
    private final Duration liveAge;

    public CampaignQueries(
            CampaignService campaigns,
            CampaignReports reports,
            ArchiveService archive,
            EvaluationRecords records,
            ExperimentStore store,
            LessonStore lessons,
            ObjectMapper mapper,
            CladeConfig config) {
        this.campaigns = campaigns;
        this.reports = reports;
        this.archive = archive;
        this.records = records;
        this.store = store;
        this.lessons = lessons;
        this.mapper = mapper;
        this.liveAge = config.api().liveReadAge();
    }

    /** A page of campaigns, newest first, with their reports; one transaction for the page, its count and reports. */
    @Transactional
    Views.Page<Views.CampaignSummary> list(PageRequest request) {
        List<Views.CampaignSummary> items = campaigns.page(request.page(), request.size()).stream()
                .map(this::summary)
                .toList();
        return new Views.Page<>(items, request.page(), request.size(), campaigns.count());
    }

    Campaign campaign(String name) {
        return campaigns.named(name);
    }

    Views.CampaignSummary summary(Campaign c) {
        return Views.CampaignSummary.of(c, reports.report(c, liveAge));
    }

    Views.CampaignDetail detail(String name) {
        Campaign c = campaign(name);
        RunReport r = reports.report(c, liveAge);
        return new Views.CampaignDetail(
                Views.CampaignSummary.of(c, r),
                json(c.spec),
                c.repoDir,
                c.baseCommit,
                r.baselineHoldout().isPresent() ? r.baselineHoldout().getAsDouble() : null,
                r.bestHoldout().isPresent() ? r.bestHoldout().getAsDouble() : null,
                r.best().flatMap(NodeInfo::branch).orElse(null),
                r.models().stream().map(Views.ModelView::of).toList());
    }

    /** The islands, grids and migrations of a campaign whose strategy is islands; 404 for other strategies. */
    Views.IslandsView islands(String name) {
        Campaign c = campaign(name);
        IslandMap map = reports.islands(c.id)
                .orElseThrow(() -> new NoSuchElementException(
                        "campaign " + name + " uses strategy " + c.strategyKind + ", not islands"));
        return IslandViews.of(
                map, (StrategySpec.Islands) CampaignService.spec(c).spec().strategy());
    }

    /**
     * Every node with its parent, score, evaluations and its clade's metaproductivity estimate (HGM). Built once per
     * state of the campaign, and while it runs at most once per {@code clade.api.live-read-age}: readers polling the
     * tree share one answer, and those who ask while it is built wait for it.
     */
    List<Views.TreeNode> tree(String name) {
        return kept(name).tree();
    }

    /** The tree as JSON, written once per state of the archive as the tree itself is built once. */
    byte[] treeJson(String name) {
        return kept(name).json();
    }

    private Kept kept(String name) {
        Campaign c = campaign(name);
        return trees.get(c.id, reports.stateOf(c), liveAge, () -> {
            List<Views.TreeNode> tree = buildTree(c);
            try {
                return new Kept(tree, mapper.writeValueAsBytes(tree)); // the API's own mapper: the same JSON
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private record Kept(List<Views.TreeNode> tree, byte[] json) {}

    private List<Views.TreeNode> buildTree(Campaign c) {
        ArchiveView view = reports.view(c.id);
        Map<Long, double[]> clades = view.cladeUtilities();
        java.util.Optional<IslandMap> islands = reports.islands(c.id, view);
        Map<Long, ArchiveView.Node> viewed = view.byNumber();
        return archive.all(c.id).stream()
                .map(n -> {
                    double[] clade = clades.getOrDefault(n.number(), new double[2]);
                    ArchiveView.Node v = viewed.get(n.number());
                    List<Integer> cell = islands.isPresent() && v != null
                            ? islands.get().placeOf(v).orElse(null)
                            : null;
                    return new Views.TreeNode(
                            n.number(),
                            n.parent().orElse(null),
                            n.operator().label(),
                            state(n),
                            n.score().isPresent() ? n.score().getAsDouble() : null,
                            n.evaluations(),
                            n.evaluations() > 0 ? n.utilitySum() / n.evaluations() : null,
                            HuxleyGodelSearch.posteriorMeanOf(clade[0], clade[1]),
                            (long) clade[1],
                            n.idea().lines().findFirst().orElse(""),
                            n.branch().orElse(null),
                            n.island() >= 0 ? n.island() : null,
                            cell);
                })
                .toList();
    }

    /** A node, its stage runs and lessons, and its diff; one transaction for its reads. */
    @Transactional
    Views.NodeDetail node(String name, long number) {
        Campaign c = campaign(name);
        NodeInfo n = node(c, number);
        return new Views.NodeDetail(
                n.number(),
                n.parent().orElse(null),
                n.operator().label(),
                state(n),
                n.score().isPresent() ? n.score().getAsDouble() : null,
                n.idea(),
                n.reason(),
                n.feedback(),
                n.meta(),
                n.branch().orElse(null),
                n.commitId().orElse(null),
                n.evaluations(),
                records.evaluations(n.id()).stream().map(Views.StageView::of).toList(),
                diff(c, n),
                LessonResource.of(lessons, c.name, n.number()));
    }

    /** The first {@link #MAX_LOG_BYTES} of a stage run's stdout or stderr. */
    String log(String name, long number, long stageId, String stream) {
        Campaign c = campaign(name);
        NodeInfo n = node(c, number);
        Evaluation run = records.stageRun(n.id(), stageId)
                .orElseThrow(() -> new NoSuchElementException("node " + number + " has no stage run " + stageId));
        String file = switch (stream) {
            case "stdout" -> run.stdoutLog;
            case "stderr" -> run.stderrLog;
            default -> throw new FieldException("stream", "must be stdout or stderr, got '" + stream + "'");
        };
        if (file == null || !Files.isRegularFile(Path.of(file))) {
            throw new NoSuchElementException("the " + stream + " log of stage run " + stageId + " is gone");
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return new String(in.readNBytes(MAX_LOG_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private NodeInfo node(Campaign c, long number) {
        return archive.find(c.id, number)
                .orElseThrow(() -> new NoSuchElementException("campaign '" + c.name + "' has no node " + number));
    }

    /** The node's diff against its parent; empty for the root or a node with no commit. */
    private String diff(Campaign c, NodeInfo n) {
        if (n.parent().isEmpty() || n.commitId().isEmpty()) {
            return "";
        }
        NodeInfo parent = node(c, n.parent().get());
        return store.open(Path.of(c.repoDir))
                .diff(
                        ObjectId.fromString(parent.commitId().orElse(c.baseCommit)),
                        ObjectId.fromString(n.commitId().get()));
    }

    private static String state(NodeInfo n) {
        return n.state().name().toLowerCase(Locale.ROOT);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
