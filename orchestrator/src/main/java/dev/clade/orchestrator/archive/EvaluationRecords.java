package dev.clade.orchestrator.archive;

import dev.clade.orchestrator.evaluation.EvaluationResult;
import dev.clade.orchestrator.evaluation.StageRun;
import dev.clade.orchestrator.timing.DatabaseTimed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A node's evaluations as PostgreSQL keeps them: its attempts, a result per task ({@link TaskResult}), every stage run
 * ({@link Evaluation}, holdout runs included) and the verdict {@link TaskResults} draws from them. Every change is one
 * transaction, as in {@link ArchiveService}, and reaches the archive in memory the same way.
 */
@ApplicationScoped
@DatabaseTimed
public class EvaluationRecords {

    private final NodeRepository nodes;
    private final EvaluationRepository evaluations;
    private final TaskResultRepository results;
    private final LiveArchives live;

    public EvaluationRecords(
            NodeRepository nodes, EvaluationRepository evaluations, TaskResultRepository results, LiveArchives live) {
        this.nodes = nodes;
        this.evaluations = evaluations;
        this.results = results;
        this.live = live;
    }

    /** Starts evaluating a node on all its tasks and returns the attempt number (1 for the first). */
    @Transactional
    public int startEvaluation(long nodeId) {
        Node node = nodes.get(nodeId);
        int attempt = node.startEvaluating();
        live.changed(node);
        return attempt;
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
            int attempt = results.start(nodeId, task).attempt;
            live.tried(nodeId, task);
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

    /** The attempt of a node's first evaluation on a task. */
    public static final int FIRST_ATTEMPT = 1;

    /**
     * A task's evaluation as it ended: its attempt, its result and the run of its last stage, whose row is stored with
     * the result (the rows of the stages before it are stored as each ends).
     */
    public record TaskRun(String task, int attempt, EvaluationResult result, Optional<StageRun> lastStage) {}

    /**
     * Stores a task's result and its last stage's row; with {@code judge}, judges the node again on all its results (a
     * node evaluated on all tasks at once is judged once, after the last, so that a crash in between leaves it
     * unfinished).
     */
    @Transactional
    public NodeInfo finishTask(long nodeId, TaskRun run, CampaignPlan plan, boolean judge) {
        run.lastStage()
                .ifPresent(s -> evaluations.persist(Evaluations.row(nodeId, run.task(), run.attempt(), s, false)));
        Node node = nodes.lock(nodeId); // first: a concurrent task's result is then committed, and read below
        List<TaskResult> all = results.ofNode(nodeId);
        TaskResult finished =
                all.stream().filter(r -> r.task.equals(run.task())).findFirst().orElseThrow();
        TaskResults.record(finished, run.result(), plan);
        if (run.result() instanceof EvaluationResult.Scored s) {
            node.feedback = s.feedback();
            node.traits = MetaJson.writeNumbers(NodeTraits.withMetrics(MetaJson.readNumbers(node.traits), s));
        }
        if (judge) {
            TaskResults.judge(node, all, plan);
        }
        live.changed(node);
        return NodeInfo.of(node);
    }

    /** Judges a node on all its task results. */
    @Transactional
    public NodeInfo judge(long nodeId, CampaignPlan plan) {
        Node node = nodes.lock(nodeId);
        TaskResults.judge(node, results.ofNode(nodeId), plan);
        live.changed(node);
        return NodeInfo.of(node);
    }

    /** A node's score on one task, when that task scored (not failed, gated or running). */
    @Transactional
    public OptionalDouble taskScore(long nodeId, String task) {
        return results.of(nodeId, task)
                .filter(r -> "SCORED".equals(r.state) && r.score != null)
                .map(r -> OptionalDouble.of(r.score))
                .orElse(OptionalDouble.empty());
    }

    /** One stage run of a node, by its id. */
    @Transactional
    public Optional<Evaluation> stageRun(long nodeId, long id) {
        return evaluations.findByIdOptional(id).filter(e -> e.nodeId == nodeId);
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
