package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.archive.ArchiveService;
import dev.clade.orchestrator.archive.EvaluationRecords;
import dev.clade.orchestrator.campaign.CampaignService;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine's campaign tests share: the runner that runs real campaigns (embedded PostgreSQL, git, sandbox),
 * the archive and campaigns to inspect afterwards, and a fresh folder per test for targets and specs.
 */
abstract class CampaignTestSupport {

    @Inject
    CampaignRunner runner;

    @Inject
    ArchiveService archive;

    @Inject
    EvaluationRecords records;

    @Inject
    CampaignService campaigns;

    @TempDir
    Path dir;
}
