package dev.clade.orchestrator.timing;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The time of the experiment the calling thread works on, by {@link Part}: a worker starts it before reserving and
 * reads it when the experiment is done; the parts add to it wherever they run on that thread. Nothing is recorded on a
 * thread that has not started one, and a part timed inside another part of the same kind counts once.
 */
public final class Stopwatch {

    private static final ThreadLocal<Running> CURRENT = new ThreadLocal<>();

    private static final class Running {
        final long started = System.nanoTime();
        final long[] parts = new long[Part.values().length];
        final int[] depth = new int[Part.values().length];
    }

    private Stopwatch() {}

    /** Starts timing a new experiment on this thread (dropping any unfinished one). */
    public static void start() {
        CURRENT.set(new Running());
    }

    /** Ends the experiment on this thread; empty when none was started. */
    public static java.util.Optional<ExperimentTime> stop() {
        Running r = CURRENT.get();
        CURRENT.remove();
        return r == null
                ? java.util.Optional.empty()
                : java.util.Optional.of(new ExperimentTime(System.nanoTime() - r.started, r.parts));
    }

    public static void add(Part part, long nanos) {
        Running r = CURRENT.get();
        if (r != null) {
            r.parts[part.ordinal()] += nanos;
        }
    }

    /** Runs {@code work}, adding its time to {@code part}. */
    public static <T> T time(Part part, Supplier<T> work) {
        try {
            return call(part, work::get);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // a Supplier throws no checked exception
        }
    }

    /** As {@link #time(Part, Supplier)}, for work that may throw a checked exception, which passes through. */
    public static <T> T call(Part part, Callable<T> work) throws Exception {
        Running r = CURRENT.get();
        if (r == null || r.depth[part.ordinal()] > 0) {
            return work.call();
        }
        long start = System.nanoTime();
        r.depth[part.ordinal()]++;
        try {
            return work.call();
        } finally {
            r.depth[part.ordinal()]--;
            r.parts[part.ordinal()] += System.nanoTime() - start;
        }
    }

    public static void time(Part part, Runnable work) {
        time(part, () -> {
            work.run();
            return null;
        });
    }

    /** What the current experiment has spent on {@code part} so far; 0 when none runs. */
    public static long spent(Part part) {
        Running r = CURRENT.get();
        return r == null ? 0 : r.parts[part.ordinal()];
    }
}
