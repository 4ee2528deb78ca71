package dev.clade.sandbox.job;

import dev.clade.sandbox.Termination;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The polling loop of a watch that follows one job of a scheduler to its end: it looks at the job at growing
 * intervals (doubling from the first interval up to the maximum), and ends when a look finds the job ended, at the
 * timeout (counted from when the job is first seen started), when {@link #notStartedFor} stops a job that waited too
 * long, or when the calling thread is interrupted. An interrupt is noted instead of thrown, and the thread's flag is
 * cleared, for the caller to set again. Not thread-safe: one watch per job, on the thread that runs the request.
 *
 * @param <O> how the watch ended, as the backend reports it
 */
abstract class JobWatch<O> {

    /** How long the scheduler (Slurm's controller, the Kubernetes API server) may not answer before the run fails. */
    static final Duration OUTAGE_LIMIT = Duration.ofMinutes(5);

    private final Duration firstPoll;
    private final Duration maxPollInterval;
    private final Duration timeout;
    private final long submitted = System.nanoTime();
    private long startedAt = -1;
    private long lastAnswer = submitted;
    private boolean interrupted;

    /**
     * @param firstPoll the interval before the second look
     * @param maxPollInterval the longest interval between two looks
     * @param timeout how long the job may run once started
     */
    JobWatch(Duration firstPoll, Duration maxPollInterval, Duration timeout) {
        this.firstPoll = firstPoll;
        this.maxPollInterval = maxPollInterval;
        this.timeout = timeout;
    }

    /** Looks at the job until the watch ends; the sleeps between looks end early at the timeout. */
    final O await() {
        long delay = firstPoll.toNanos();
        while (true) {
            Optional<Termination> ended = look();
            if (ended.isPresent()) {
                return ended(ended.get());
            }
            long now = System.nanoTime();
            if (started() && now - startedAt >= timeout.toNanos()) {
                return timedOut();
            }
            if (!started()) {
                Optional<O> stopped = notStartedFor(now - submitted);
                if (stopped.isPresent()) {
                    return stopped.get();
                }
            }
            if (!interrupted) {
                pause(Math.min(delay, untilDeadline(now)));
            }
            if (interrupted) {
                // the caller throws rather than report this
                return stoppedByInterrupt();
            }
            delay = Math.min(delay * 2, maxPollInterval.toNanos());
        }
    }

    /**
     * One look at the job; the termination once it has ended. It calls {@link #answered} when the scheduler answered,
     * {@link #sawStarted} when the job runs, and {@link #noteInterrupt} when the look was interrupted.
     */
    abstract Optional<Termination> look();

    /** The outcome of a job a look found ended. */
    abstract O ended(Termination termination);

    /** The outcome of a job still running at the timeout. */
    abstract O timedOut();

    /** The outcome when the calling thread was interrupted while the job had not ended. */
    abstract O stoppedByInterrupt();

    /**
     * Asked after each look while the job has not started: an outcome to end the watch with (a job queued too long),
     * or empty to go on. By default the watch goes on.
     *
     * @param waitedNanos how long since the job was submitted
     */
    Optional<O> notStartedFor(long waitedNanos) {
        return Optional.empty();
    }

    final Duration timeout() {
        return timeout;
    }

    /** Whether the job has been seen started. */
    final boolean started() {
        return startedAt >= 0;
    }

    /** Notes that the job was seen started at {@code now} ({@link System#nanoTime()}); only the first time counts. */
    final void sawStarted(long now) {
        if (!started()) {
            startedAt = now;
        }
    }

    /** Notes that the scheduler answered about the job at {@code now} ({@link System#nanoTime()}). */
    final void answered(long now) {
        lastAnswer = now;
    }

    /** Whether the scheduler's last answer about the job is longer than {@link #OUTAGE_LIMIT} before {@code now}. */
    final boolean outage(long now) {
        return now - lastAnswer > OUTAGE_LIMIT.toNanos();
    }

    /** Notes that the calling thread was interrupted. */
    final void noteInterrupt() {
        interrupted = true;
    }

    final boolean wasInterrupted() {
        return interrupted;
    }

    /** From when the job was first seen started (from submission if it never was) to now. */
    final Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - (started() ? startedAt : submitted));
    }

    private long untilDeadline(long now) {
        return started() ? Math.max(0, startedAt + timeout.toNanos() - now) : Long.MAX_VALUE;
    }

    /** Sleeps, noting an interrupt (also one that came during a look) instead of throwing it. */
    private void pause(long nanos) {
        try {
            if (!Thread.interrupted()) {
                TimeUnit.NANOSECONDS.sleep(nanos);
                return;
            }
        } catch (InterruptedException e) {
            // noted below
        }
        interrupted = true;
    }
}
