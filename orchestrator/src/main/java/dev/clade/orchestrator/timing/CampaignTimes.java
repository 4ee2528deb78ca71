package dev.clade.orchestrator.timing;

import java.util.ArrayList;
import java.util.List;

/**
 * The experiments' times of one campaign in this process (the latest {@value #KEPT}), and the loop's own wall time and
 * worker count, from which the workers' utilization follows.
 */
public final class CampaignTimes {

    static final int KEPT = 100_000;

    private final List<ExperimentTime> experiments = new ArrayList<>();
    private long loopNanos;
    private int workers;

    public synchronized void finished(ExperimentTime time) {
        if (experiments.size() == KEPT) {
            experiments.removeFirst();
        }
        experiments.add(time);
    }

    /** Adds a run of the loop: its wall time and its number of workers. */
    public synchronized void ran(long nanos, int workers) {
        this.loopNanos += nanos;
        this.workers = workers;
    }

    public synchronized List<ExperimentTime> experiments() {
        return List.copyOf(experiments);
    }

    public synchronized long loopNanos() {
        return loopNanos;
    }

    /** The share of the workers' time spent in stages, in [0, 1]; 0 before a run. */
    public synchronized double utilization() {
        if (loopNanos == 0 || workers == 0) {
            return 0;
        }
        long stages = 0;
        for (ExperimentTime t : experiments) {
            stages += t.of(Part.STAGES);
        }
        return Math.min(1, stages / ((double) loopNanos * workers));
    }
}
