package dev.clade.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clade.orchestrator.archive.Evaluation;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.engine.RunReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The response bodies of the API: records mapped from the services' values, never entities. */
public final class Views {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Views() {}

    /** One page of a list. */
    public record Page<T>(List<T> items, int page, int size, long total) {}

    /** A campaign in a list: its state, progress, budget used and best node. */
    public record CampaignSummary(
            String name,
            String state,
            String stopReason,
            String strategy,
            String proposer,
            long experiments,
            int budget,
            Map<String, Long> nodesByState,
            Double baselineScore,
            Long bestNode,
            Double bestScore,
            String bestIdea,
            boolean maximize,
            double activeSeconds,
            long llmCalls,
            double costUsd,
            Double costBudgetUsd,
            long nearCopiesRejected,
            Instant createdAt) {

        static CampaignSummary of(Campaign c, RunReport r) {
            return new CampaignSummary(
                    c.name,
                    c.state.label(),
                    c.stopReason,
                    c.strategyKind,
                    r.proposer(),
                    r.experiments(),
                    r.budget(),
                    r.countsByState(),
                    r.baseline().score().isPresent() ? r.baseline().score().getAsDouble() : null,
                    r.best().map(NodeInfo::number).orElse(null),
                    r.best().map(b -> b.score().getAsDouble()).orElse(null),
                    r.best().map(b -> b.idea().lines().findFirst().orElse("")).orElse(null),
                    r.maximize(),
                    r.active().toMillis() / 1000.0,
                    r.cost().calls(),
                    r.cost().usd(),
                    r.costBudgetUsd().isPresent() ? r.costBudgetUsd().getAsDouble() : null,
                    r.nearCopies(),
                    c.createdAt);
        }
    }

    /** A campaign with its spec and holdout results. */
    public record CampaignDetail(
            CampaignSummary summary,
            JsonNode spec,
            String repository,
            String baseCommit,
            Double baselineHoldout,
            Double bestHoldout,
            String bestBranch,
            List<ModelView> models) {}

    /** What one model did in a campaign: calls, dollars, proposals, and children that beat their parent. */
    public record ModelView(
            String model, long calls, double costUsd, long proposals, long improvements, double meanReward) {

        static ModelView of(dev.clade.orchestrator.engine.ModelUsage m) {
            return new ModelView(
                    m.model(),
                    m.calls(),
                    m.dollars(),
                    m.proposals(),
                    m.improvements(),
                    m.proposals() == 0 ? 0 : m.rewardSum() / m.proposals());
        }
    }

    /** The islands of a campaign whose strategy is islands: grids, migrants and migrations. */
    public record IslandsView(
            List<FeatureView> features, int bins, List<IslandView> islands, List<MigrationView> migrations) {}

    /** One dimension of the grids, with the bounds the archive sets now. */
    public record FeatureView(String name, Double min, Double max) {}

    /** One island: its nodes, its grid's occupied cells with their elites, what migrated to it, its best. */
    public record IslandView(int island, long nodes, List<CellView> cells, List<Long> migrants, Long bestNode) {}

    /** An occupied cell and the node that holds it. */
    public record CellView(List<Integer> cell, long node, double score) {}

    /** The nodes island {@code from} sent to island {@code to} once {@code experiments} existed. */
    public record MigrationView(long experiments, int from, int to, List<Long> nodes) {}

    /** A node of the archive tree. */
    public record TreeNode(
            long number,
            Long parent,
            String operator,
            String state,
            Double score,
            int evaluations,
            Double utility,
            double cmp,
            long cladeEvaluations,
            String idea,
            String branch,
            Integer island,
            List<Integer> cell) {}

    /** One stage run of one evaluation of a node. */
    public record StageView(
            long id,
            String task,
            int attempt,
            String stage,
            boolean holdout,
            String outcome,
            boolean passed,
            Double score,
            JsonNode metrics,
            String feedback,
            String reason,
            Integer exitCode,
            long durationMillis,
            long stdoutBytes,
            long stderrBytes,
            boolean truncated) {

        static StageView of(Evaluation e) {
            JsonNode metrics;
            try {
                metrics = JSON.readTree(e.metrics == null ? "{}" : e.metrics);
            } catch (java.io.IOException ex) {
                metrics = JSON.createObjectNode();
            }
            return new StageView(
                    e.id,
                    e.task,
                    e.attempt,
                    e.stage,
                    e.holdout,
                    e.outcome,
                    e.passed,
                    e.score,
                    metrics,
                    e.feedback,
                    e.reason,
                    e.exitCode,
                    e.durationMillis,
                    e.stdoutBytes,
                    e.stderrBytes,
                    e.truncated);
        }
    }

    /** A node with everything a person inspects: idea, stages per task, metrics, diff against its parent. */
    public record NodeDetail(
            long number,
            Long parent,
            String operator,
            String state,
            Double score,
            String idea,
            String reason,
            String feedback,
            Map<String, String> meta,
            String branch,
            String commit,
            int evaluations,
            List<StageView> stages,
            String diff,
            List<LessonResource.LessonView> lessons) {}
}
