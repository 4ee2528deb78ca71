package dev.clade.orchestrator.bench;

/**
 * What every strategy gets in {@code clade bench strategies}.
 *
 * @param seeds runs per strategy and landscape, with seeds 1 to {@code seeds}
 * @param tasks tasks of the simulated evaluator, named {@code t0} to {@code t<tasks-1>}
 * @param budget task evaluations per run, the same for every strategy; the root's baseline evaluation is not counted
 */
public record BenchSettings(int seeds, int tasks, long budget) {

    public static final int DEFAULT_SEEDS = 20;
    public static final int DEFAULT_TASKS = 20;
    public static final long DEFAULT_BUDGET = 400;

    public BenchSettings {
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be at least 1, got " + seeds);
        }
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks must be at least 1, got " + tasks);
        }
        if (budget < tasks) {
            throw new IllegalArgumentException("budget must be at least the number of tasks (" + tasks
                    + "), so that a strategy that evaluates each new node on every task can make one; got " + budget);
        }
    }

    public static BenchSettings defaults() {
        return new BenchSettings(DEFAULT_SEEDS, DEFAULT_TASKS, DEFAULT_BUDGET);
    }
}
