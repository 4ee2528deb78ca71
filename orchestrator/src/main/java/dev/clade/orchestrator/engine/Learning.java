package dev.clade.orchestrator.engine;

import dev.clade.agents.distill.ModelDistiller;
import dev.clade.memory.distill.Trace;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.evaluation.EvaluationResult;
import dev.clade.orchestrator.guidance.GuidanceService;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.jboss.logging.Logger;

/**
 * Learning from evaluated nodes: each node's trace (idea, outcome, the values that last worked) becomes lessons, and
 * with a model distiller the model writes some too; every N-th finished node, the recommender writes recommendations
 * ({@link Recommendations}). A failure to learn is logged, never the campaign's.
 */
final class Learning {

    private static final Logger LOG = Logger.getLogger(Learning.class);

    private final RunContext run;
    private final GuidanceService guidance;
    private final Optional<ModelDistiller> distiller;

    private final Recommendations recommendations;

    Learning(
            RunContext run,
            GuidanceService guidance,
            Optional<ModelDistiller> distiller,
            Recommendations recommendations) {
        this.run = run;
        this.guidance = guidance;
        this.distiller = distiller;
        this.recommendations = recommendations;
    }

    /** A node reached its final state (evaluated on every task, when {@code evaluated}; else, say, invalid). */
    void finished(NodeInfo node, boolean evaluated) {
        if (evaluated) {
            fromNode(node);
        }
        if (node.state().finished()) {
            recommendations.after(node);
        }
    }

    /** Distils the lessons of a node evaluated on every task. */
    void fromNode(NodeInfo node) {
        if (node.parent().isEmpty() || !run.spec().memory().enabled()) {
            return; // with memory off nothing is learned: the trace (the node's stages) is not even read
        }
        try {
            NodeInfo parent = run.node(node.parent().get());
            Trace trace = LessonTraces.of(
                    run.name(),
                    node,
                    parent,
                    firstBroken(node, parent),
                    run.records().evaluations(node.id()),
                    run.spec().evaluator().direction());
            guidance.learn(
                    run.spec(),
                    trace,
                    LessonTraces.values(node.meta()),
                    distiller,
                    distiller.isPresent() ? diff(node, parent) : "",
                    node.feedback());
        } catch (RuntimeException e) {
            LOG.warnf(e, "campaign %s: could not learn from node %d", run.name(), node.number());
        }
    }

    /**
     * Distils the lessons of one task evaluation (strategies that evaluate task by task): a failure on the task, or the
     * score against the parent's on the same task. The model distiller is not asked per task (it would be one call per
     * node and task), and a task that scored does not weaken bounds (the node may have broken on another task with
     * the same values).
     */
    void fromTask(NodeEvaluation.TaskEvaluated evaluated) {
        NodeInfo node = evaluated.node();
        if (node.evaluations() == 1 && node.state().finished()) { // its first verdict
            recommendations.after(node);
        }
        if (node.parent().isEmpty() || !run.spec().memory().enabled()) {
            return;
        }
        try {
            NodeInfo parent = run.node(node.parent().get());
            EvaluationResult result = evaluated.result();
            LessonTraces.ofTask(
                            run.name(),
                            node,
                            firstBroken(node, parent),
                            result,
                            run.records().taskScore(parent.id(), evaluated.task()),
                            run.spec().evaluator().direction())
                    .ifPresent(trace -> guidance.learn(run.spec(), trace, Map.of(), Optional.empty(), "", ""));
        } catch (RuntimeException e) {
            LOG.warnf(
                    e,
                    "campaign %s: could not learn from node %d on task %s",
                    run.name(),
                    node.number(),
                    evaluated.task());
        }
    }

    /**
     * The first broken node on the path from {@code node}'s nearest working ancestor down to it: what that node started
     * from are the last values that worked. {@code node} itself when its parent is not broken.
     */
    private NodeInfo firstBroken(NodeInfo node, NodeInfo parent) {
        NodeInfo first = node;
        NodeInfo above = parent;
        while (above.state().broken()
                && above.parent().isPresent()
                && !above.meta().isEmpty()) {
            first = above;
            above = run.node(above.parent().get());
        }
        return first;
    }

    /** The node's diff against its parent, for the model distiller; empty when either has no commit. */
    private String diff(NodeInfo node, NodeInfo parent) {
        if (node.commitId().isEmpty() || parent.commitId().isEmpty()) {
            return "";
        }
        return run.repo()
                .diff(
                        ObjectId.fromString(parent.commitId().get()),
                        ObjectId.fromString(node.commitId().get()));
    }
}
