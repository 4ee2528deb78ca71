package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.evaluation.Confinement;
import dev.clade.orchestrator.evaluation.EvaluationJob;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Builds the evaluation jobs of one campaign, so that the search and the holdout stages share one rule for the
 * evaluator's direction, output limit and environment, and for where logs go.
 */
record EvaluationJobs(CampaignSpec spec, Workspace workspace) {

    /** The search stages of a node on one task ({@code task} empty for an evaluator without tasks). */
    EvaluationJob search(
            NodeInfo node, Optional<String> task, int attempt, Path checkout, Path dir, Confinement confinement) {
        Path logs = workspace.logDir(spec.name(), node.number());
        return job(node, task, attempt, checkout, dir, logs, spec.evaluator().searchStages(), confinement);
    }

    /** The holdout stages of a node, run in {@code dir}/src, logged apart from its search stages. */
    EvaluationJob holdout(NodeInfo node, int attempt, Path dir, Confinement confinement) {
        Path logs = workspace.logDir(spec.name(), node.number()).resolve("holdout");
        return job(
                node,
                Optional.empty(),
                attempt,
                dir.resolve("src"),
                dir,
                logs,
                spec.evaluator().holdoutStages(),
                confinement);
    }

    private EvaluationJob job(
            NodeInfo node,
            Optional<String> task,
            int attempt,
            Path checkout,
            Path dir,
            Path logs,
            List<CampaignSpec.Stage> stages,
            Confinement confinement) {
        CampaignSpec.EvaluatorSpec evaluator = spec.evaluator();
        return new EvaluationJob(
                spec.name(),
                node.number(),
                task,
                attempt,
                checkout,
                dir,
                logs,
                stages,
                evaluator.direction(),
                evaluator.outputLimitBytes(),
                evaluator.env(),
                confinement);
    }
}
