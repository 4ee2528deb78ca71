package dev.clade.orchestrator.engine;

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

    /** A holdout stage finished on a node (the baseline and the final answer). */
    default void holdoutScored(NodeInfo node, String stage, String outcome) {}

    /** Something worth a line that is not a node, like "resuming 2 unfinished nodes". */
    default void note(String message) {}

    ProgressListener SILENT = (node, best, finished, budget) -> {};
}
