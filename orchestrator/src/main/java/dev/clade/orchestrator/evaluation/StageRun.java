package dev.clade.orchestrator.evaluation;

import dev.clade.orchestrator.campaign.CampaignSpec.Stage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * One stage run of one evaluation: what it printed (log files), how it ended and whether it passed its threshold.
 *
 * @param passed scored and at least as good as the stage's threshold (always true for a scored stage without one)
 */
public record StageRun(
        int index,
        Stage stage,
        StageOutcome outcome,
        boolean passed,
        OptionalInt exitCode,
        Duration elapsed,
        Path stdoutLog,
        Path stderrLog,
        long stdoutBytes,
        long stderrBytes,
        boolean truncated) {}
