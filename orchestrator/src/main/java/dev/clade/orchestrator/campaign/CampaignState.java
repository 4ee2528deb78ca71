package dev.clade.orchestrator.campaign;

/** A campaign is running (or was, until its process died and will resume), done, or stopped by an error. */
public enum CampaignState {
    RUNNING,
    COMPLETED,
    FAILED
}
