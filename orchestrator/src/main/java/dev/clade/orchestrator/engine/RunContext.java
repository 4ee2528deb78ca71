package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.archive.ArchiveService;
import dev.clade.orchestrator.archive.CampaignPlan;
import dev.clade.orchestrator.archive.EvaluationRecords;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.events.ProgressListener;
import dev.clade.orchestrator.experiment.ExperimentRepository;
import dev.clade.orchestrator.metrics.CladeMetrics;
import dev.clade.orchestrator.timing.CampaignTimes;

/**
 * What every part of one campaign's run shares: the campaign, its spec and plan, the archive, its evaluation records
 * and the git repository it writes to, the work and log folders, who is told what happens, where the experiments'
 * times go, and the instance's metrics.
 */
record RunContext(
        long campaignId,
        CampaignSpec spec,
        CampaignPlan plan,
        ArchiveService archive,
        EvaluationRecords records,
        ExperimentRepository repo,
        Workspace workspace,
        ProgressListener listener,
        CampaignTimes times,
        CladeMetrics metrics) {

    String name() {
        return spec.name();
    }

    /** The node as the archive has it now. */
    NodeInfo node(long number) {
        return archive.node(campaignId, number);
    }
}
