package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.campaign.CampaignService;
import java.util.concurrent.TimeUnit;

/**
 * The time a campaign has been active, summed over its runs: what earlier runs stored plus this run's, which is added
 * to the campaign's row after a piece of work once a second has passed since the last addition, and when the run ends
 * (so a kill loses at most the time of the items in flight and a second; the budget reads {@link #millis()}, which is
 * exact). Adding it after every item would make every worker take the campaign row's lock once more per item.
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

    /** Stores the time since the last store, when a second has passed since then. */
    synchronized void flush() {
        if (System.nanoTime() - flushedNanos >= TimeUnit.SECONDS.toNanos(1)) {
            flushNow();
        }
    }

    /** Stores the time since the last store. */
    synchronized void flushNow() {
        long now = System.nanoTime();
        long millis = TimeUnit.NANOSECONDS.toMillis(now - flushedNanos);
        if (millis > 0) {
            campaigns.addActiveTime(campaignId, millis);
            flushedNanos += TimeUnit.MILLISECONDS.toNanos(millis);
        }
    }
}
