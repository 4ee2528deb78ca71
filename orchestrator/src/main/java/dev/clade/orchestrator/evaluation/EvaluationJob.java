package dev.clade.orchestrator.evaluation;

import dev.clade.orchestrator.campaign.CampaignSpec.Stage;
import dev.clade.orchestrator.strategy.Direction;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One evaluation of one node on one task (empty for an evaluator without tasks): the stages to run, in order, in
 * {@code checkout}, with {@code $CLADE_TASK} set to the task; stage files (metrics) go under {@code workDir}, logs
 * under {@code logDir}.
 */
public record EvaluationJob(
        String campaign,
        long node,
        java.util.Optional<String> task,
        int attempt,
        Path checkout,
        Path workDir,
        Path logDir,
        List<Stage> stages,
        Direction direction,
        long outputLimitBytes,
        Map<String, String> env,
        Confinement confinement) {

    public EvaluationJob {
        stages = List.copyOf(stages);
        env = Map.copyOf(env);
    }
}
