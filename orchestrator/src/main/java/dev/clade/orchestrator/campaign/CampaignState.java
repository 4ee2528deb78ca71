package dev.clade.orchestrator.campaign;

/**
 * A campaign is running (or was, until its process died, and resumes when run again), paused (resumes on request),
 * cancelled or completed (final unless a rerun raises its budget), or stopped by an error.
 */
public enum CampaignState {
    RUNNING,
    PAUSED,
    CANCELLED,
    COMPLETED,
    FAILED;

    /** Whether it can still run: running or paused. */
    public boolean open() {
        return this == RUNNING || this == PAUSED;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
