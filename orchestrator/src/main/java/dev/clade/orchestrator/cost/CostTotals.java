package dev.clade.orchestrator.cost;

/** What a campaign's (or a node's) model calls added up to. */
public record CostTotals(long calls, long inputTokens, long outputTokens, double usd) {
    public static final CostTotals NONE = new CostTotals(0, 0, 0, 0);
}
