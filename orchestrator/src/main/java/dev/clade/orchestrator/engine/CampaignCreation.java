package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.archive.ArchiveService;
import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignService;
import dev.clade.orchestrator.campaign.SpecReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.file.Path;

/** Stores a new campaign and the root of its archive (the imported target, not yet evaluated) in one transaction. */
@ApplicationScoped
class CampaignCreation {

    private final CampaignService campaigns;
    private final ArchiveService archive;

    CampaignCreation(CampaignService campaigns, ArchiveService archive) {
        this.campaigns = campaigns;
        this.archive = archive;
    }

    @Transactional
    Campaign create(SpecReader.Loaded loaded, Path repoDir, String baseCommit) {
        Campaign c = campaigns.create(loaded, repoDir, baseCommit);
        archive.addRoot(c.id, baseCommit);
        return c;
    }
}
