package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.campaign.CampaignService;
import java.util.concurrent.TimeUnit;

/**
 * The time a campaign has been active, summed over its runs: what earlier runs stored plus this run's, which is added
 * to the campaign's row after every piece of work (so a kill loses at most one item's time).
 */
final class ActiveTime {

    private final long campaignId;
    private final CampaignService campaigns;
    private final long before;
    private final long startNanos = System.nanoTime();
    private long flushedNanos = startNanos;

    ActiveTime(long campaignId, CampaignService campaigns, long millisBefore) {
        this.campaignId = campaignId;
        this.campaigns = campaigns;
        this.before = millisBefore;
    }

    long millis() {
        return before + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    synchronized void flush() {
        long now = System.nanoTime();
        long millis = TimeUnit.NANOSECONDS.toMillis(now - flushedNanos);
        if (millis > 0) {
            campaigns.addActiveTime(campaignId, millis);
            flushedNanos += TimeUnit.MILLISECONDS.toNanos(millis);
        }
    }
}
