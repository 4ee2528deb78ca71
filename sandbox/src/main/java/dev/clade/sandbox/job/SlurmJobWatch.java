package dev.clade.sandbox.job;

import dev.clade.sandbox.SandboxException;
import dev.clade.sandbox.Termination;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * Follows one submitted job to its end: looks at it with {@code scontrol show job} at growing intervals (up to the
 * settings' maximum), and cancels it at the timeout, when queued too long, or when the calling thread is
 * interrupted. Not thread-safe: one watch per job, on the thread that runs the request.
 */
final class SlurmJobWatch extends JobWatch<SlurmJobWatch.Outcome> {

    /**
     * How the watch ended.
     *
     * @param termination how the job ended
     * @param elapsed from when the job was first seen running (from submission if it never was) to its end
     * @param interrupted whether the calling thread was interrupted (then the job was cancelled, unless it had ended
     *     already); the thread's flag is cleared, for the caller to set again
     */
    record Outcome(Termination termination, Duration elapsed, boolean interrupted) {}

    static final Duration FIRST_POLL = Duration.ofMillis(200);
    /** Slurm gives a cancelled job's processes KillWait (30 s by default) between SIGTERM and SIGKILL. */
    static final Duration CANCEL_WAIT = Duration.ofSeconds(90);

    private static final Logger LOG = Logger.getLogger(SlurmJobWatch.class);

    private final SlurmCommands slurm;
    private final String jobId;
    private final SlurmSettings settings;
    private SlurmJobState lastSeen;

    SlurmJobWatch(SlurmCommands slurm, String jobId, Duration timeout, SlurmSettings settings) {
        super(FIRST_POLL, settings.maxPollInterval(), timeout);
        this.slurm = slurm;
        this.jobId = jobId;
        this.settings = settings;
    }

    @Override
    Outcome ended(Termination termination) {
        return new Outcome(termination, elapsed(), wasInterrupted());
    }

    @Override
    Outcome timedOut() {
        return cancelled(new Termination.TimedOut(timeout()));
    }

    @Override
    Optional<Outcome> notStartedFor(long waitedNanos) {
        if (settings.maxQueueWait()
                .filter(wait -> waitedNanos >= wait.toNanos())
                .isPresent()) {
            return Optional.of(cancelled(lost("was still " + lastSeen + " after "
                    + settings.maxQueueWait().get().toSeconds() + "s in the queue; cancelled")));
        }
        return Optional.empty();
    }

    @Override
    Outcome stoppedByInterrupt() {
        return cancelled(lost("was cancelled because the calling thread was interrupted"));
    }

    /** One look; the termination once the job has ended (or vanished). */
    @Override
    Optional<Termination> look() {
        SlurmPoll poll = slurm.poll(jobId);
        long now = System.nanoTime();
        switch (poll) {
            case SlurmPoll.Known known -> {
                answered(now);
                lastSeen = known.state();
                if (known.state().finished()) {
                    return Optional.of(known.state().termination(jobId, timeout()));
                }
                if (known.state().started()) {
                    sawStarted(now);
                }
            }
            case SlurmPoll.Gone gone -> {
                String last = lastSeen == null ? "" : " (last seen " + lastSeen + ")";
                return Optional.of(lost("disappeared from Slurm without a known end state" + last));
            }
            case SlurmPoll.NoAnswer noAnswer -> {
                LOG.debugf("no answer about Slurm job %s: %s", jobId, noAnswer.problem());
                if (outage(now)) {
                    slurm.cancel(jobId); // best effort: it may still run once the controller is back
                    throw new SandboxException("Slurm has not answered about job " + jobId + " for " + OUTAGE_LIMIT
                            + ": " + noAnswer.problem());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Cancels the job and waits (bounded, not interruptibly) until squeue no longer lists it. A job that ended by
     * itself just before reads as it ended.
     */
    private Outcome cancelled(Termination reason) {
        SlurmCommands.Output cancel = slurm.cancel(jobId);
        if (!cancel.ok()) {
            LOG.debugf("scancel %s: %s", jobId, cancel.text());
        }
        long deadline = System.nanoTime() + CANCEL_WAIT.toNanos();
        while (!slurm.leftQueue(jobId).orElse(false)) {
            if (System.nanoTime() >= deadline) {
                throw new SandboxException(
                        "Slurm job " + jobId + " is still queued " + CANCEL_WAIT + " after scancel: " + cancel.text());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            if (Thread.interrupted()) {
                noteInterrupt(); // noted, so that parking does not turn into spinning
            }
        }
        Termination termination = reason;
        if (slurm.poll(jobId) instanceof SlurmPoll.Known known
                && known.state().finished()
                && !known.state().state().equals("CANCELLED")) {
            termination = known.state().termination(jobId, timeout());
        }
        LOG.debugf("cancelled Slurm job %s: %s", jobId, termination.describe());
        return new Outcome(termination, elapsed(), wasInterrupted());
    }

    private Termination lost(String what) {
        return new Termination.Lost("Slurm job " + jobId + " " + what);
    }
}
