package dev.clade.orchestrator.archive;

import dev.clade.orchestrator.evaluation.StageOutcome;
import dev.clade.orchestrator.evaluation.StageRun;
import java.time.Instant;

/** Builds the stored row of one stage run. */
final class Evaluations {

    private Evaluations() {}

    static Evaluation row(long nodeId, String task, int attempt, StageRun run, boolean holdout) {
        Evaluation e = new Evaluation();
        e.nodeId = nodeId;
        e.task = task;
        e.attempt = attempt;
        e.stageIndex = run.index();
        e.stage = run.stage().name();
        e.holdout = holdout;
        e.outcome = run.outcome().kind();
        e.passed = run.passed();
        if (run.outcome() instanceof StageOutcome.Scored s) {
            e.score = s.score();
            e.metrics = s.metricsJson();
            e.feedback = s.feedback();
        } else {
            e.metrics = "{}";
            e.reason = run.outcome().describe();
        }
        e.exitCode = run.exitCode().isPresent() ? run.exitCode().getAsInt() : null;
        e.durationMillis = run.elapsed().toMillis();
        e.stdoutLog = run.stdoutLog().toString();
        e.stderrLog = run.stderrLog().toString();
        e.stdoutBytes = run.stdoutBytes();
        e.stderrBytes = run.stderrBytes();
        e.truncated = run.truncated();
        e.finishedAt = Instant.now();
        return e;
    }
}
