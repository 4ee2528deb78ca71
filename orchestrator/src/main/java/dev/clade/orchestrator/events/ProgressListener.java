package dev.clade.orchestrator.events;

import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.evaluation.EvaluationResult;
import java.util.Optional;

/** Told what a running campaign does; the CLI prints it. Called from worker threads. */
public interface ProgressListener {

    /** A node reached a final state. {@code best} is the best scored node after it. */
    void nodeFinished(NodeInfo node, Optional<NodeInfo> best, long finished, int budget);

    /**
     * A node finished one more task evaluation (task-by-task strategies). {@code evaluations} counts the finished
     * ones, of {@code budget}.
     */
    default void taskFinished(
            NodeInfo node,
            String task,
            EvaluationResult result,
            Optional<NodeInfo> best,
            long evaluations,
            long budget) {}

    /** A proposal ended: the node is committed on its branch, or invalid (the proposer declined or changed nothing). */
    default void nodeProposed(NodeInfo node) {}

    /** Evaluation of a node began: on every task ({@code task} empty) or on one task. */
    default void evaluationStarted(NodeInfo node, Optional<String> task) {}

    /** The campaign's state changed: running, paused, cancelled, completed or failed, with the reason. */
    default void stateChanged(String state, String reason) {}

    /** A holdout stage finished on a node (the baseline and the final answer). */
    default void holdoutScored(NodeInfo node, String stage, String outcome) {}

    /** Something worth a line that is not a node, like "resuming 2 unfinished nodes". */
    default void note(String message) {}

    ProgressListener SILENT = (node, best, finished, budget) -> {};

    /** Tells both listeners, {@code this} first. */
    default ProgressListener and(ProgressListener other) {
        ProgressListener first = this;
        return new ProgressListener() {
            @Override
            public void nodeFinished(NodeInfo node, Optional<NodeInfo> best, long finished, int budget) {
                first.nodeFinished(node, best, finished, budget);
                other.nodeFinished(node, best, finished, budget);
            }

            @Override
            public void taskFinished(
                    NodeInfo node,
                    String task,
                    EvaluationResult result,
                    Optional<NodeInfo> best,
                    long evaluations,
                    long budget) {
                first.taskFinished(node, task, result, best, evaluations, budget);
                other.taskFinished(node, task, result, best, evaluations, budget);
            }

            @Override
            public void nodeProposed(NodeInfo node) {
                first.nodeProposed(node);
                other.nodeProposed(node);
            }

            @Override
            public void evaluationStarted(NodeInfo node, Optional<String> task) {
                first.evaluationStarted(node, task);
                other.evaluationStarted(node, task);
            }

            @Override
            public void stateChanged(String state, String reason) {
                first.stateChanged(state, reason);
                other.stateChanged(state, reason);
            }

            @Override
            public void holdoutScored(NodeInfo node, String stage, String outcome) {
                first.holdoutScored(node, stage, outcome);
                other.holdoutScored(node, stage, outcome);
            }

            @Override
            public void note(String message) {
                first.note(message);
                other.note(message);
            }
        };
    }
}
