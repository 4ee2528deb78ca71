package dev.clade.orchestrator.archive;

import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignRepository;
import dev.clade.orchestrator.evaluation.EvaluationResult;
import dev.clade.orchestrator.evaluation.StageRun;
import dev.clade.orchestrator.strategy.ArchiveView;
import dev.clade.orchestrator.strategy.Decision;
import dev.clade.orchestrator.strategy.Direction;
import dev.clade.orchestrator.strategy.NodeState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The archive of a campaign in PostgreSQL. Every change of a node is one transaction, so that a process killed at any
 * point leaves each node in a state a restart can continue from (see {@link NodeState}). Results per task live in
 * {@link TaskResult}s; {@link TaskResults} turns them into a node's verdict.
 */
@ApplicationScoped
public class ArchiveService {

    private final CampaignRepository campaigns;
    private final NodeRepository nodes;
    private final EvaluationRepository evaluations;
    private final TaskResultRepository results;
    private final Reservations reservations;

    public ArchiveService(
            CampaignRepository campaigns,
            NodeRepository nodes,
            EvaluationRepository evaluations,
            TaskResultRepository results) {
        this.campaigns = campaigns;
        this.nodes = nodes;
        this.evaluations = evaluations;
        this.results = results;
        this.reservations = new Reservations(nodes, results);
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
        ArchiveView view = view(campaignId, plan);
        ArchiveView.Budget budget = view.budget();
        if (!budget.canExpand() && (plan.evaluatesOnExpand() || !budget.canEvaluate())) {
            return new Reservation.Done("budget spent: " + plan.experiments() + " experiments"
                    + (plan.evaluatesOnExpand() ? "" : ", " + plan.evaluationBudget() + " task evaluations"));
        }
        return reservations.of(campaign, plan, budget, strategy.apply(view));
    }

    /** Adds the root: node 0, the imported target, committed but not evaluated. */
    @Transactional
    public void addRoot(long campaignId, String baseCommit) {
        nodes.persist(Node.root(campaignId, baseCommit));
    }

    /** The archive as strategies see it, with what the budget still allows. */
    @Transactional
    public ArchiveView view(long campaignId, CampaignPlan plan) {
        return ArchiveViews.of(
                campaigns.findById(campaignId), nodes.ofCampaign(campaignId), results.ofCampaign(campaignId), plan);
    }

    @Transactional
    public List<NodeInfo> all(long campaignId) {
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
        return ProposalContext.of(all(campaignId), parentNumber, childNumber, direction);
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

    /** Starts evaluating a node on all its tasks and returns the attempt number (1 for the first). */
    @Transactional
    public int startEvaluation(long nodeId) {
        Node node = nodes.get(nodeId);
        node.moveTo(NodeState.EVALUATING);
        node.attempts++;
        return node.attempts;
    }

    /**
     * Starts (or, after a crash, restarts) the evaluation of a node on one task and returns its attempt number; empty
     * when that task already has a result.
     */
    @Transactional
    public Optional<Integer> startTask(long nodeId, String task) {
        Optional<TaskResult> existing = results.of(nodeId, task);
        if (existing.isEmpty()) {
            return Optional.of(reservations.newResult(nodeId, task).attempt);
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
        }
        if (judge) {
            TaskResults.judge(node, results.ofNode(nodeId), plan);
        }
        return NodeInfo.of(node);
    }

    /** Judges a node on all its task results. */
    @Transactional
    public NodeInfo judge(long nodeId, CampaignPlan plan) {
        Node node = nodes.get(nodeId);
        TaskResults.judge(node, results.ofNode(nodeId), plan);
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
