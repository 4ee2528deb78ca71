package dev.clade.agents.proposer;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a proposer may know of another node of the archive.
 *
 * @param number node id within the campaign (0 is the root)
 * @param score the node's score when it was fully evaluated; empty when it failed, was gated or is not evaluated yet
 * @param failed whether its evaluation failed or did not pass a stage threshold
 * @param feedback the evaluator's feedback or the failure reason, never from a holdout stage; may be empty
 * @param meta what the proposer stored with the node when it proposed it ({@link Proposal.Edited#meta()})
 * @param diff the change from the parent of the proposal at hand to this node (unified diff, abbreviated), for an
 *     inspiration; empty when not given
 */
public record NodeSummary(
        long number, OptionalDouble score, boolean failed, String feedback, Map<String, String> meta, String diff) {

    /** A summary without a diff. */
    public NodeSummary(long number, OptionalDouble score, boolean failed, String feedback, Map<String, String> meta) {
        this(number, score, failed, feedback, meta, "");
    }

    /** This summary with {@code diff} as its change from the parent of the proposal at hand. */
    public NodeSummary withDiff(String diff) {
        return new NodeSummary(number, score, failed, feedback, meta, diff);
    }

    /** A meta key marking the stand-in parent of a benchmark task: the task's starting code, which has no score. */
    public static final String TASK_START = "taskStart";

    /** The stand-in parent of a benchmark task (no node of any archive). */
    public static NodeSummary taskStart() {
        return new NodeSummary(0, OptionalDouble.empty(), false, "", Map.of(TASK_START, "true"));
    }

    public NodeSummary {
        Objects.requireNonNull(score, "score");
        feedback = feedback == null ? "" : feedback;
        meta = Map.copyOf(meta);
        diff = diff == null ? "" : diff;
    }
}
