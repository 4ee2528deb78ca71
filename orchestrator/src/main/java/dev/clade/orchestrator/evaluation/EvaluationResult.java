package dev.clade.orchestrator.evaluation;

import java.util.List;

/** How a node's evaluation over the cascade of search stages ended. */
public sealed interface EvaluationResult {

    List<StageRun> runs();

    /** Every stage ran and passed; the score is the last stage's. */
    record Scored(double score, String feedback, List<StageRun> runs) implements EvaluationResult {
        public Scored {
            runs = List.copyOf(runs);
        }
    }

    /** A stage scored but missed its threshold, so the cascade stopped there. */
    record Gated(String stage, double score, double threshold, List<StageRun> runs) implements EvaluationResult {
        public Gated {
            runs = List.copyOf(runs);
        }

        public String reason() {
            return "stage '" + stage + "' scored " + score + ", short of its threshold " + threshold;
        }
    }

    /** A stage crashed, timed out, printed no valid score or breached a limit. */
    record Failed(String stage, String reason, List<StageRun> runs) implements EvaluationResult {
        public Failed {
            runs = List.copyOf(runs);
        }
    }
}
