package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignState;
import java.time.Duration;
import java.util.Objects;

/**
 * The state of a campaign that what readers see of it depends on, as one read found it: its row's counters and, when
 * it runs here, its archive's version, with the moment it was read. An answer built at one state still answers a read
 * at another when both are the same state, when it was built after the read began in the same phase (it is at least
 * as new; the phase is compared since the moment is taken just after the row is read, so a build stamped later may
 * still hold a row read earlier, one that ran where this read finds the campaign stopped), or, while the campaign
 * runs, when it is at most a given age older.
 *
 * @param liveVersion the version of the archive this process keeps in memory while it runs the campaign; -1 otherwise
 * @param readNanos when the row was read ({@link System#nanoTime()})
 */
public record ReadState(
        CampaignState state,
        String stopReason,
        long activeMillis,
        long nextNode,
        Object updatedAt,
        long liveVersion,
        long readNanos) {

    static ReadState of(Campaign c, long liveVersion) {
        return new ReadState(
                c.state, c.stopReason, c.activeMillis, c.nextNode, c.updatedAt, liveVersion, System.nanoTime());
    }

    /** Whether an answer built at {@code built} still answers a read at this state (see the class comment). */
    public boolean answeredBy(ReadState built, Duration liveAge) {
        if (sameAs(built) || (built.readNanos >= readNanos && samePhase(built))) {
            return true;
        }
        return state == CampaignState.RUNNING
                && built.state == CampaignState.RUNNING
                && readNanos - built.readNanos <= liveAge.toNanos();
    }

    private boolean samePhase(ReadState o) {
        return state == o.state && Objects.equals(stopReason, o.stopReason);
    }

    private boolean sameAs(ReadState o) {
        return samePhase(o)
                && activeMillis == o.activeMillis
                && nextNode == o.nextNode
                && Objects.equals(updatedAt, o.updatedAt)
                && liveVersion == o.liveVersion;
    }
}
