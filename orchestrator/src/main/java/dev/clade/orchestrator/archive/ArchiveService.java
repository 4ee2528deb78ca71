package dev.clade.orchestrator.archive;

import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignRepository;
import dev.clade.orchestrator.strategy.ArchiveView;
import dev.clade.orchestrator.strategy.Decision;
import dev.clade.orchestrator.strategy.Direction;
import dev.clade.orchestrator.strategy.NodeState;
import dev.clade.orchestrator.timing.DatabaseTimed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The archive of a campaign in PostgreSQL. Every change of a node is one transaction, so that a process killed at any
 * point leaves each node in a state a restart can continue from (see {@link NodeState}). A node's evaluations (task
 * results, stage runs, verdicts) are kept by {@link EvaluationRecords}.
 */
@ApplicationScoped
@DatabaseTimed
public class ArchiveService {

    private final CampaignRepository campaigns;
    private final NodeRepository nodes;
    private final TaskResultRepository results;
    private final Reservations reservations;
    private final LiveArchives live;

    public ArchiveService(
            CampaignRepository campaigns, NodeRepository nodes, TaskResultRepository results, LiveArchives live) {
        this.campaigns = campaigns;
        this.nodes = nodes;
        this.results = results;
        this.live = live;
        this.reservations = new Reservations(nodes, results);
    }

    /**
     * Keeps the campaign's archive in memory while it runs in this process (see {@link LiveArchive}): loaded now, then
     * changed with every transaction here that changes it. Until {@link #close}, decisions, proposal contexts and
     * node reads of that campaign no longer read the whole archive from PostgreSQL.
     */
    @Transactional
    public void open(long campaignId, Direction direction) {
        live.open(campaignId, load(campaignId, direction));
    }

    private LiveArchive load(long campaignId, Direction direction) {
        return new LiveArchive(nodes.ofCampaign(campaignId), results.ofCampaign(campaignId), direction);
    }

    /** The version of the campaign's archive in memory (it moves with every change); empty when it does not run here. */
    public OptionalLong version(long campaignId) {
        return live.version(campaignId);
    }

    /** Drops the campaign's archive from memory: its run here ended. */
    public void close(long campaignId) {
        live.close(campaignId);
    }

    /** Whether the campaign's archive is kept in memory and agrees with PostgreSQL (for tests). */
    @Transactional
    public boolean liveAgrees(long campaignId, Direction direction) {
        LiveArchive kept = live.get(campaignId);
        return kept != null && kept.sameAs(load(campaignId, direction));
    }

    /**
     * Reserves the next piece of work if the budget allows and the strategy wants it: a new node, or the evaluation of
     * a node on one task. This is the one place budgets are checked: wall clock and dollars first, then experiments
     * and task evaluations. The campaign row is locked for the whole decision, so concurrent workers never reserve the
     * same number nor overrun a budget.
     */
    @Transactional
    public Reservation reserve(
            long campaignId, CampaignPlan plan, Spending spending, Function<ArchiveView, Decision> strategy) {
        Campaign campaign = campaigns.lock(campaignId);
        Optional<String> spent = plan.spent(spending);
        if (spent.isPresent()) {
            return new Reservation.Done(spent.get());
        }
        ArchiveView view = view(campaign, plan);
        ArchiveView.Budget budget = view.budget();
        if (!budget.canExpand() && (plan.evaluatesOnExpand() || !budget.canEvaluate())) {
            return new Reservation.Done("budget spent: " + plan.experiments() + " experiments"
                    + (plan.evaluatesOnExpand() ? "" : ", " + plan.evaluationBudget() + " task evaluations"));
        }
        Reservation reserved = reservations.of(campaign, plan, budget, strategy.apply(view));
        switch (reserved) {
            case Reservation.Reserved r -> live.changedNow(campaignId, kept -> kept.put(r.node()));
            case Reservation.EvaluationReserved e ->
                live.changedNow(campaignId, kept -> kept.tried(e.node().id(), e.task()));
            case Reservation.Wait w -> {}
            case Reservation.Done d -> {}
        }
        return reserved;
    }

    /** Adds the root: node 0, the imported target, committed but not evaluated. */
    @Transactional
    public void addRoot(long campaignId, String baseCommit) {
        Node root = Node.root(campaignId, baseCommit);
        nodes.persist(root);
        live.changed(root);
    }

    /** The archive as strategies see it, with what the budget still allows. */
    @Transactional
    public ArchiveView view(long campaignId, CampaignPlan plan) {
        LiveArchive kept = live.get(campaignId);
        if (kept != null) { // its newest node's number is the campaign row's count of experiments started
            return ArchiveViews.of(kept.experimentsStarted(), kept.viewNodes(), kept.triedTotal(), plan);
        }
        return view(campaigns.findById(campaignId), plan);
    }

    private ArchiveView view(Campaign campaign, CampaignPlan plan) {
        LiveArchive kept = live.get(campaign.id);
        if (kept != null) {
            return ArchiveViews.of(campaign, kept.viewNodes(), kept.triedTotal(), plan);
        }
        return ArchiveViews.of(campaign, nodes.ofCampaign(campaign.id), results.ofCampaign(campaign.id), plan);
    }

    @Transactional
    public List<NodeInfo> all(long campaignId) {
        LiveArchive kept = live.get(campaignId);
        if (kept != null) {
            return kept.all();
        }
        return nodes.ofCampaign(campaignId).stream().map(NodeInfo::of).toList();
    }

    /**
     * Work a crash left unfinished, in number order: nodes reserved but not proposed, and, when the strategy evaluates
     * new nodes at once, nodes committed but not (fully) evaluated. These are continued before anything new.
     */
    @Transactional
    public List<NodeInfo> unfinished(long campaignId, boolean evaluatesOnExpand) {
        return nodes.ofCampaign(campaignId).stream()
                .filter(n -> n.state == NodeState.PROPOSING
                        || (evaluatesOnExpand && (n.state == NodeState.COMMITTED || n.state == NodeState.EVALUATING)))
                .map(NodeInfo::of)
                .toList();
    }

    /** Task evaluations a crash left running (task-by-task strategies), as node and task. */
    @Transactional
    public List<Reservation.EvaluationReserved> runningTasks(long campaignId) {
        return results.running(campaignId).stream()
                .map(r -> new Reservation.EvaluationReserved(NodeInfo.of(nodes.get(r.nodeId)), r.task))
                .toList();
    }

    /** A node that must exist: a missing one is a bug. */
    @Transactional
    public NodeInfo node(long campaignId, long number) {
        return find(campaignId, number)
                .orElseThrow(() -> new IllegalStateException("campaign " + campaignId + " has no node " + number));
    }

    /** A node a caller asks for, which may not exist. */
    @Transactional
    public Optional<NodeInfo> find(long campaignId, long number) {
        LiveArchive kept = live.get(campaignId);
        if (kept != null) {
            return kept.find(number);
        }
        return nodes.byNumber(campaignId, number).map(NodeInfo::of);
    }

    /** The parent, grandparent, the parent's other finished children and the best nodes, for a proposer. */
    @Transactional
    public ProposalContext context(long campaignId, long parentNumber, long childNumber, Direction direction) {
        LiveArchive kept = live.get(campaignId);
        if (kept != null) {
            return kept.context(parentNumber, childNumber);
        }
        return ProposalContext.of(all(campaignId), parentNumber, childNumber, direction);
    }

    /**
     * Stores a node's commit; with {@code evaluateOn}, starts in the same transaction its first evaluation on all its
     * tasks and on that one, the first ({@link EvaluationRecords#FIRST_ATTEMPT}), as a strategy that evaluates every
     * new node at once does.
     */
    @Transactional
    public void markCommitted(
            long nodeId,
            String branch,
            String commitId,
            String idea,
            Map<String, String> meta,
            Map<String, Double> traits,
            float[] codeEmbedding,
            Optional<String> evaluateOn) {
        Node node = nodes.get(nodeId);
        node.moveTo(NodeState.COMMITTED);
        node.branch = branch;
        node.commitId = commitId;
        node.idea = idea;
        node.meta = MetaJson.write(meta);
        node.traits = MetaJson.writeNumbers(traits);
        node.codeEmbedding = codeEmbedding == null ? null : codeEmbedding.clone();
        evaluateOn.ifPresent(task -> {
            node.startEvaluating();
            results.start(nodeId, task);
            live.tried(nodeId, task);
        });
        live.changed(node);
    }

    /**
     * Counts a near-copy the proposal of a node (still proposing) made and that was not evaluated, in its meta: a run
     * resumed after a kill continues the count (and draws the next try with a new seed).
     */
    @Transactional
    public void nearCopyRejected(long nodeId, String key, int count) {
        Node node = nodes.get(nodeId);
        Map<String, String> meta = new java.util.HashMap<>(MetaJson.read(node.meta));
        meta.put(key, Integer.toString(count));
        node.meta = MetaJson.write(meta);
        live.changed(node);
    }

    @Transactional
    public void markInvalid(long nodeId, String reason) {
        Node node = nodes.get(nodeId);
        node.moveTo(NodeState.INVALID);
        node.reason = reason;
        live.changed(node);
    }

    /** Points scored nodes (by id) at the commits that carry their score trailers (same tree, same parent). */
    @Transactional
    public void recommitted(Map<Long, String> commits) {
        commits.forEach((nodeId, commitId) -> {
            Node node = nodes.get(nodeId);
            node.commitId = commitId;
            live.changed(node);
        });
    }
}
