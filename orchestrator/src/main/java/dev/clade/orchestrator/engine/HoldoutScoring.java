package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.evaluation.StagedEvaluator;
import dev.clade.orchestrator.strategy.ArchiveView;
import dev.clade.orchestrator.strategy.NodeState;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Scores the baseline and the campaign's answer on the holdout stages, which the search never saw, once the budget is
 * spent. A node scored on them already is not scored again, so a run killed here finishes the rest when resumed.
 */
final class HoldoutScoring {

    private final RunContext run;
    private final StagedEvaluator evaluator;
    private final Confinements confinements;
    private final CampaignReports reports;

    HoldoutScoring(RunContext run, StagedEvaluator evaluator, Confinements confinements, CampaignReports reports) {
        this.run = run;
        this.evaluator = evaluator;
        this.confinements = confinements;
        this.reports = reports;
    }

    void score() {
        if (run.spec().evaluator().holdoutStages().isEmpty()) {
            return;
        }
        List<NodeInfo> nodes = run.archive().all(run.campaignId());
        NodeInfo root = nodes.getFirst();
        Optional<NodeInfo> best = reports.answer(run.campaignId(), run.spec(), nodes);
        List<NodeInfo> scored = best.filter(b -> b.number() != root.number())
                .map(b -> List.of(root, b))
                .orElse(List.of(root));
        for (NodeInfo node : scored) {
            if (node.state() == NodeState.SCORED
                    && reports.holdoutScore(node.id()).isEmpty()) {
                score(node);
            }
        }
    }

    private void score(NodeInfo node) {
        int attempt = run.records().nextHoldoutAttempt(node.id());
        Path dir = run.workspace().holdoutDir(run.name(), node.number(), attempt);
        EvaluationJobs jobs = new EvaluationJobs(run.spec(), run.workspace());
        try {
            ObjectId commit = ObjectId.fromString(node.commitId().orElseThrow());
            run.repo().export(commit, dir.resolve("src"));
            evaluator.evaluate(jobs.holdout(node, attempt, dir, confinements.forCommit(commit)), stage -> {
                run.records().recordStage(node.id(), ArchiveView.WHOLE, attempt, stage, true);
                NodeEvaluation.measured(run, stage);
                run.listener()
                        .holdoutScored(
                                node, stage.stage().name(), stage.outcome().describe());
            });
        } finally {
            run.workspace().discard(dir);
        }
    }
}
