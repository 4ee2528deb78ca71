package dev.clade.orchestrator.archive;

import dev.clade.agents.proposer.NodeSummary;
import dev.clade.agents.proposer.Operator;
import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignRepository;
import dev.clade.orchestrator.campaign.CampaignSpec.Direction;
import dev.clade.orchestrator.evaluation.EvaluationResult;
import dev.clade.orchestrator.evaluation.StageOutcome;
import dev.clade.orchestrator.evaluation.StageRun;
import dev.clade.orchestrator.strategy.ArchiveView;
import dev.clade.orchestrator.strategy.Decision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The archive of a campaign in PostgreSQL. Every change of a node is one transaction, so that a process killed at any
 * point leaves each node in a state a restart can continue from (see {@link NodeState}).
 */
@ApplicationScoped
public class ArchiveService {

    private static final int INSPIRATIONS = 5;

    private final CampaignRepository campaigns;
    private final NodeRepository nodes;
    private final EvaluationRepository evaluations;

    public ArchiveService(CampaignRepository campaigns, NodeRepository nodes, EvaluationRepository evaluations) {
        this.campaigns = campaigns;
        this.nodes = nodes;
        this.evaluations = evaluations;
    }

    /**
     * Reserves the next node if the budget allows and the strategy wants one. The campaign row is locked for the
     * whole decision, so concurrent workers never reserve the same number nor overrun the budget.
     */
    @Transactional
    public Reservation reserve(
            long campaignId, int experiments, Direction direction, Function<ArchiveView, Decision> strategy) {
        Campaign campaign = campaigns.lock(campaignId);
        if (campaign.experimentsStarted() >= experiments) {
            return new Reservation.Done("experiment budget of " + experiments + " spent");
        }
        Decision decision = strategy.apply(view(campaignId, direction));
        return switch (decision) {
            case Decision.Wait w -> new Reservation.Wait();
            case Decision.Stop s -> new Reservation.Done("strategy stopped: " + s.reason());
            case Decision.Expand e -> new Reservation.Reserved(NodeInfo.of(insert(campaign, e.parent(), e.operator())));
        };
    }

    private Node insert(Campaign campaign, long parent, Operator operator) {
        Node node = new Node();
        node.campaignId = campaign.id;
        node.number = campaign.nextNode++;
        node.parentNumber = parent;
        node.operator = operator;
        node.state = NodeState.PROPOSING;
        node.meta = "{}";
        node.createdAt = Instant.now();
        node.updatedAt = node.createdAt;
        nodes.persist(node);
        campaign.updatedAt = node.createdAt;
        return node;
    }

    /** Adds the root: node 0, the imported target, committed but not evaluated. */
    @Transactional
    public void addRoot(long campaignId, String baseCommit) {
        Node root = new Node();
        root.campaignId = campaignId;
        root.number = 0;
        root.operator = Operator.ROOT;
        root.state = NodeState.COMMITTED;
        root.commitId = baseCommit;
        root.idea = "baseline: the target as imported";
        root.meta = "{}";
        root.createdAt = Instant.now();
        root.updatedAt = root.createdAt;
        nodes.persist(root);
    }

    @Transactional
    public ArchiveView view(long campaignId, Direction direction) {
        return new ArchiveView(
                nodes.ofCampaign(campaignId).stream()
                        .map(n -> new ArchiveView.Node(
                                n.number,
                                n.parentNumber == null ? -1 : n.parentNumber,
                                n.operator,
                                n.state,
                                n.scoreValue()))
                        .toList(),
                direction);
    }

    @Transactional
    public List<NodeInfo> all(long campaignId) {
        return nodes.ofCampaign(campaignId).stream().map(NodeInfo::of).toList();
    }

    /** Nodes a crash left unfinished, in number order: these are continued before anything new is reserved. */
    @Transactional
    public List<NodeInfo> unfinished(long campaignId) {
        return nodes.ofCampaign(campaignId).stream()
                .filter(n -> !n.state.finished())
                .map(NodeInfo::of)
                .toList();
    }

    @Transactional
    public NodeInfo node(long campaignId, long number) {
        return nodes.byNumber(campaignId, number)
                .map(NodeInfo::of)
                .orElseThrow(() -> new IllegalStateException("campaign " + campaignId + " has no node " + number));
    }

    /** The parent, grandparent, the parent's other finished children and the best nodes, for a proposer. */
    @Transactional
    public ProposalContext context(long campaignId, long parentNumber, long childNumber, Direction direction) {
        List<NodeInfo> all =
                nodes.ofCampaign(campaignId).stream().map(NodeInfo::of).toList();
        NodeInfo parent =
                all.stream().filter(n -> n.number() == parentNumber).findFirst().orElseThrow();
        Optional<NodeSummary> grandparent = parent.parent()
                .flatMap(g -> all.stream().filter(n -> n.number() == g).findFirst())
                .map(NodeInfo::summary);
        List<NodeSummary> siblings = all.stream()
                .filter(n -> n.parent().orElse(-1L) == parentNumber
                        && n.number() != childNumber
                        && n.state().finished())
                .map(NodeInfo::summary)
                .toList();
        Comparator<NodeInfo> best = Comparator.comparingDouble(n -> n.score().getAsDouble());
        List<NodeSummary> inspirations = all.stream()
                .filter(n -> n.state() == NodeState.SCORED && n.score().isPresent())
                .sorted(direction == Direction.MAXIMIZE ? best.reversed() : best)
                .limit(INSPIRATIONS)
                .map(NodeInfo::summary)
                .toList();
        return new ProposalContext(parent, grandparent, siblings, inspirations);
    }

    @Transactional
    public void markCommitted(long nodeId, String branch, String commitId, String idea, Map<String, String> meta) {
        Node node = nodes.get(nodeId);
        node.moveTo(NodeState.COMMITTED);
        node.branch = branch;
        node.commitId = commitId;
        node.idea = idea;
        node.meta = MetaJson.write(meta);
    }

    @Transactional
    public void markInvalid(long nodeId, String reason) {
        Node node = nodes.get(nodeId);
        node.moveTo(NodeState.INVALID);
        node.reason = reason;
    }

    /** Starts an evaluation attempt and returns its number (1 for the first). */
    @Transactional
    public int startEvaluation(long nodeId) {
        Node node = nodes.get(nodeId);
        node.moveTo(NodeState.EVALUATING);
        node.attempts++;
        return node.attempts;
    }

    @Transactional
    public void recordStage(long nodeId, int attempt, StageRun run, boolean holdout) {
        Evaluation e = new Evaluation();
        e.nodeId = nodeId;
        e.attempt = attempt;
        e.stageIndex = run.index();
        e.stage = run.stage().name();
        e.holdout = holdout;
        e.outcome = run.outcome().kind();
        e.passed = run.passed();
        if (run.outcome() instanceof StageOutcome.Scored s) {
            e.score = s.score();
            e.metrics = s.metricsJson();
            e.feedback = s.feedback();
        } else {
            e.metrics = "{}";
            e.reason = run.outcome().describe();
        }
        e.exitCode = run.exitCode().isPresent() ? run.exitCode().getAsInt() : null;
        e.durationMillis = run.elapsed().toMillis();
        e.stdoutLog = run.stdoutLog().toString();
        e.stderrLog = run.stderrLog().toString();
        e.stdoutBytes = run.stdoutBytes();
        e.stderrBytes = run.stderrBytes();
        e.truncated = run.truncated();
        e.finishedAt = Instant.now();
        evaluations.persist(e);
    }

    /** Ends the node's evaluation with the cascade's result and returns the node as stored. */
    @Transactional
    public NodeInfo finishEvaluation(long nodeId, EvaluationResult result) {
        Node node = nodes.get(nodeId);
        switch (result) {
            case EvaluationResult.Scored s -> {
                node.moveTo(NodeState.SCORED);
                node.score = s.score();
                node.feedback = s.feedback();
                node.reason = null;
            }
            case EvaluationResult.Gated g -> {
                node.moveTo(NodeState.GATED);
                node.score = null;
                node.reason = g.reason();
            }
            case EvaluationResult.Failed f -> {
                node.moveTo(NodeState.FAILED);
                node.score = null;
                node.reason = "stage '" + f.stage() + "': " + f.reason();
            }
        }
        return NodeInfo.of(node);
    }

    /** Points a scored node at the commit that carries its score trailer (same tree, same parent). */
    @Transactional
    public void recommitted(long nodeId, String commitId) {
        nodes.get(nodeId).commitId = commitId;
    }

    @Transactional
    public int nextHoldoutAttempt(long nodeId) {
        return evaluations.lastHoldoutAttempt(nodeId) + 1;
    }

    @Transactional
    public List<Evaluation> evaluations(long nodeId) {
        return evaluations.ofNode(nodeId);
    }
}
