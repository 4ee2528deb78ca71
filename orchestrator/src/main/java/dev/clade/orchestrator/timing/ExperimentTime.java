package dev.clade.orchestrator.timing;

/**
 * One experiment's time: from the start of its reservation to its end, and by part.
 *
 * @param totalNanos wall time
 * @param parts nanoseconds by {@link Part#ordinal()}
 */
public record ExperimentTime(long totalNanos, long[] parts) {

    public ExperimentTime {
        parts = parts.clone();
    }

    public long of(Part part) {
        return parts[part.ordinal()];
    }

    /** The loop's own time: everything but the stages. */
    public long overheadNanos() {
        return Math.max(0, totalNanos - of(Part.STAGES));
    }
}
