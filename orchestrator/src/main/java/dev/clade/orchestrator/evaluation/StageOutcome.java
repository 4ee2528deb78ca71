package dev.clade.orchestrator.evaluation;

import java.util.Objects;

/** How one stage of the evaluator ended. Every outcome but {@link Scored} carries the reason a person reads. */
public sealed interface StageOutcome {

    /** The stage printed a valid score. {@code metricsJson} is the metrics object as JSON ({@code {}} when none). */
    record Scored(double score, String metricsJson, String feedback) implements StageOutcome {
        public Scored {
            if (!Double.isFinite(score)) {
                throw new IllegalArgumentException("score must be finite");
            }
            metricsJson = metricsJson == null ? "{}" : metricsJson;
            feedback = feedback == null ? "" : feedback;
        }
    }

    /**
     * The command exited non-zero, breached a limit (whatever it printed), modified pinned files, or was refused or lost
     * by the sandbox.
     */
    record Failed(String reason) implements StageOutcome {}

    /** The command ran past its timeout and its process group was killed. */
    record TimedOut(String reason) implements StageOutcome {}

    /** The command exited 0 but reported no valid score. */
    record Invalid(String reason) implements StageOutcome {}

    /** The reason, or the feedback of a scored stage. */
    default String describe() {
        return switch (this) {
            case Scored s -> "score " + s.score();
            case Failed f -> f.reason();
            case TimedOut t -> t.reason();
            case Invalid i -> i.reason();
        };
    }

    default String kind() {
        return switch (this) {
            case Scored s -> "SCORED";
            case Failed f -> "FAILED";
            case TimedOut t -> "TIMED_OUT";
            case Invalid i -> "INVALID";
        };
    }

    static StageOutcome failed(String reason) {
        return new Failed(Objects.requireNonNull(reason));
    }
}
