package dev.clade.orchestrator.archive;

import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignRepository;
import dev.clade.orchestrator.evaluation.EvaluationResult;
import dev.clade.orchestrator.evaluation.StageRun;
import dev.clade.orchestrator.strategy.ArchiveView;
import dev.clade.orchestrator.strategy.Decision;
import dev.clade.orchestrator.strategy.Direction;
import dev.clade.orchestrator.strategy.NodeState;
import dev.clade.orchestrator.timing.DatabaseTimed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The archive of a campaign in PostgreSQL. Every change of a node is one transaction, so that a process killed at any
 * point leaves each node in a state a restart can continue from (see {@link NodeState}). Results per task live in
 * {@link TaskResult}s; {@link TaskResults} turns them into a node's verdict.
 */
@ApplicationScoped
@DatabaseTimed
public class ArchiveService {

    private final CampaignRepository campaigns;
    private final NodeRepository nodes;
    private final EvaluationRepository evaluations;
    private final TaskResultRepository results;
    private final Reservations reservations;
    private final TransactionSynchronizationRegistry transactions;
    private final Map<Long, LiveArchive> live = new ConcurrentHashMap<>();

    public ArchiveService(
            CampaignRepository campaigns,
            NodeRepository nodes,
            EvaluationRepository evaluations,
            TaskResultRepository results,
            TransactionSynchronizationRegistry transactions) {
        this.campaigns = campaigns;
        this.nodes = nodes;
        this.evaluations = evaluations;
        this.results = results;
        this.transactions = transactions;
        this.reservations = new Reservations(nodes, results);
    }

    /**
     * Keeps the campaign's archive in memory while it runs in this process (see {@link LiveArchive}): loaded now, then
     * changed with every transaction here that changes it. Until {@link #close}, decisions, proposal contexts and
     * node reads of that campaign no longer read the whole archive from PostgreSQL.
     */
    @Transactional
    public void open(long campaignId, Direction direction) {
        live.put(campaignId, new LiveArchive(nodes.ofCampaign(campaignId), results.ofCampaign(campaignId), direction));
    }

    /**
     * The version of the campaign's archive kept in memory (it moves with every change), or empty when it does not
     * run here.
     */
    public java.util.OptionalLong version(long campaignId) {
        LiveArchive kept = live.get(campaignId);
        return kept == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(kept.version());
    }

    /** Drops the campaign's archive from memory: its run here ended. */
    public void close(long campaignId) {
        live.remove(campaignId);
    }

    /** Whether the campaign's archive is kept in memory and agrees with PostgreSQL (for tests). */
    @Transactional
    public boolean liveAgrees(long campaignId, Direction direction) {
        LiveArchive kept = live.get(campaignId);
        return kept != null
                && kept.sameAs(
                        new LiveArchive(nodes.ofCampaign(campaignId), results.ofCampaign(campaignId), direction));
    }

    /**
     * Applies a change to the campaign's archive in memory, if one is kept, inside the transaction that makes it in
     * PostgreSQL (a reservation is then seen by the next one, which waits for the campaign row); should the transaction
     * roll back, the memory is dropped and every later read goes to PostgreSQL again.
     */
    private void changed(long campaignId, java.util.function.Consumer<LiveArchive> change) {
        LiveArchive kept = live.get(campaignId);
        if (kept == null) {
            return;
        }
        change.accept(kept);
        afterCompletion(committed -> {
            if (!committed) {
                live.remove(campaignId, kept);
            }
        });
    }

    /**
     * A node's new state reaches the archive in memory once its transaction has committed, not before: a worker that
     * reserves meanwhile must not see a node committed whose row (and commit id) PostgreSQL does not show it yet. Only
     * reservations, made under the campaign row's lock, are applied at once ({@link #changed(long,
     * java.util.function.Consumer)}), so that the next reservation, which waits for that lock, sees them.
     */
    private void changed(Node node) {
        LiveArchive kept = live.get(node.campaignId);
        if (kept == null) {
            return;
        }
        NodeInfo info = NodeInfo.of(node);
        afterCompletion(committed -> {
            if (committed) {
                kept.put(info);
            }
        });
    }

    /** Runs {@code then} when the current transaction ends, told whether it committed. */
    private void afterCompletion(java.util.function.Consumer<Boolean> then) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                then.accept(status == Status.STATUS_COMMITTED);
            }
        });
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
            case Reservation.Reserved r -> changed(campaignId, kept -> kept.put(r.node()));
            case Reservation.EvaluationReserved e ->
                changed(campaignId, kept -> kept.tried(e.node().id(), e.task()));
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
        changed(root);
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

    /** A node's score on one task, when that task scored (not failed, gated or running). */
    @Transactional
    public OptionalDouble taskScore(long nodeId, String task) {
        return results.of(nodeId, task)
                .filter(r -> "SCORED".equals(r.state) && r.score != null)
                .map(r -> OptionalDouble.of(r.score))
                .orElse(OptionalDouble.empty());
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

    /** One stage run of a node, by its id. */
    @Transactional
    public Optional<Evaluation> stageRun(long nodeId, long id) {
        return evaluations.findByIdOptional(id).filter(e -> e.nodeId == nodeId);
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

    @Transactional
    public void markCommitted(
            long nodeId,
            String branch,
            String commitId,
            String idea,
            Map<String, String> meta,
            Map<String, Double> traits,
            float[] codeEmbedding) {
        Node node = nodes.get(nodeId);
        node.moveTo(NodeState.COMMITTED);
        node.branch = branch;
        node.commitId = commitId;
        node.idea = idea;
        node.meta = MetaJson.write(meta);
        node.traits = MetaJson.writeNumbers(traits);
        node.codeEmbedding = codeEmbedding == null ? null : codeEmbedding.clone();
        changed(node);
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
        changed(node);
    }

    @Transactional
    public void markInvalid(long nodeId, String reason) {
        Node node = nodes.get(nodeId);
        node.moveTo(NodeState.INVALID);
        node.reason = reason;
        changed(node);
    }

    /** Starts evaluating a node on all its tasks and returns the attempt number (1 for the first). */
    @Transactional
    public int startEvaluation(long nodeId) {
        Node node = nodes.get(nodeId);
        node.moveTo(NodeState.EVALUATING);
        node.attempts++;
        changed(node);
        return node.attempts;
    }

    /**
     * Starts evaluating a node on all its tasks and, in the same transaction, on the first of them: {@link
     * #startEvaluation(long)} and then {@link #startTask}.
     */
    @Transactional
    public Optional<Integer> startEvaluation(long nodeId, String firstTask) {
        startEvaluation(nodeId);
        return startTask(nodeId, firstTask);
    }

    /**
     * Starts (or, after a crash, restarts) the evaluation of a node on one task and returns its attempt number; empty
     * when that task already has a result.
     */
    @Transactional
    public Optional<Integer> startTask(long nodeId, String task) {
        Optional<TaskResult> existing = results.of(nodeId, task);
        if (existing.isEmpty()) {
            int attempt = reservations.newResult(nodeId, task).attempt;
            live.forEach((campaignId, kept) -> {
                if (kept.byId(nodeId).isPresent()) {
                    changed(campaignId, k -> k.tried(nodeId, task));
                }
            });
            return Optional.of(attempt);
        }
        TaskResult r = existing.get();
        if (r.finished()) {
            return Optional.empty();
        }
        if (evaluations.count("nodeId = ?1 and task = ?2 and attempt = ?3 and holdout = false", nodeId, task, r.attempt)
                > 0) {
            r.attempt++; // stages of the interrupted attempt stay stored under their own attempt number
        }
        return Optional.of(r.attempt);
    }

    @Transactional
    public void recordStage(long nodeId, String task, int attempt, StageRun run, boolean holdout) {
        evaluations.persist(Evaluations.row(nodeId, task, attempt, run, holdout));
    }

    /**
     * Stores a task's result; with {@code judge}, judges the node again on all its results (a node evaluated on all
     * tasks at once is judged once, after the last, so that a crash in between leaves it unfinished).
     */
    @Transactional
    public NodeInfo finishTask(long nodeId, String task, EvaluationResult result, CampaignPlan plan, boolean judge) {
        TaskResults.record(results.of(nodeId, task).orElseThrow(), result, plan);
        Node node = nodes.get(nodeId);
        if (result instanceof EvaluationResult.Scored s) {
            node.feedback = s.feedback();
            node.traits = MetaJson.writeNumbers(NodeTraits.withMetrics(MetaJson.readNumbers(node.traits), s));
        }
        if (judge) {
            TaskResults.judge(node, results.ofNode(nodeId), plan);
        }
        changed(node);
        return NodeInfo.of(node);
    }

    /** Judges a node on all its task results. */
    @Transactional
    public NodeInfo judge(long nodeId, CampaignPlan plan) {
        Node node = nodes.get(nodeId);
        TaskResults.judge(node, results.ofNode(nodeId), plan);
        changed(node);
        return NodeInfo.of(node);
    }

    /** Points a scored node at the commit that carries its score trailer (same tree, same parent). */
    @Transactional
    public void recommitted(long nodeId, String commitId) {
        Node node = nodes.get(nodeId);
        node.commitId = commitId;
        changed(node);
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
