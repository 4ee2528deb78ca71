package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.archive.ArchiveService;
import dev.clade.orchestrator.archive.EvaluationRecords;
import dev.clade.orchestrator.campaign.CampaignService;
import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.testing.Targets;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
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

    /** A greedy campaign of one worker over {@link Targets#quadratic}, each evaluation sleeping {@code delay}. */
    SpecReader.Loaded spec(String name, String delay, int experiments) throws IOException {
        Path target = Targets.quadratic(dir.resolve(name + "-target"), delay);
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, Targets.spec(name, target, experiments, 1));
        return SpecReader.read(file);
    }
}
