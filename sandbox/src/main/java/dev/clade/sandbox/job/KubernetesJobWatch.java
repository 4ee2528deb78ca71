package dev.clade.sandbox.job;

import dev.clade.sandbox.SandboxException;
import dev.clade.sandbox.Termination;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Follows one created Job to its end: looks at the Job and its pod at growing intervals (up to the settings'
 * maximum), and stops at the timeout, counted from when the pod is first seen running, or when the calling thread
 * is interrupted. It deletes nothing: the caller copies the pod's log first. Not thread-safe: one watch per Job,
 * on the thread that runs the request.
 */
final class KubernetesJobWatch {

    /**
     * How the watch ended.
     *
     * @param termination how the run ended
     * @param elapsed from when the pod was first seen running (from the Job's creation if it never was) to the end
     * @param pod the name of the run's pod, if one was seen
     * @param mustStop whether the Job still runs and must be deleted (timeout or interrupt)
     * @param interrupted whether the calling thread was interrupted; its flag is cleared, for the caller to set again
     */
    record Outcome(
            Termination termination, Duration elapsed, Optional<String> pod, boolean mustStop, boolean interrupted) {}

    static final Duration FIRST_POLL = Duration.ofMillis(100);
    /** How long the API server may fail to answer before the run fails. */
    static final Duration OUTAGE_LIMIT = Duration.ofMinutes(5);

    private static final Logger LOG = Logger.getLogger(KubernetesJobWatch.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final Duration timeout;
    private final Duration maxPollInterval;
    private final long created = System.nanoTime();
    private long startedAt = -1;
    private long lastAnswer = created;
    private Optional<String> pod = Optional.empty();
    private boolean interrupted;

    KubernetesJobWatch(
            KubernetesClient client, String namespace, String name, Duration timeout, Duration maxPollInterval) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.timeout = timeout;
        this.maxPollInterval = maxPollInterval;
    }

    Outcome await() {
        long delay = FIRST_POLL.toNanos();
        while (true) {
            Optional<Termination> ended = look();
            if (ended.isPresent()) {
                return new Outcome(ended.get(), elapsed(), pod, false, interrupted);
            }
            long now = System.nanoTime();
            if (startedAt >= 0 && now - startedAt >= timeout.toNanos()) {
                return new Outcome(new Termination.TimedOut(timeout), elapsed(), pod, true, interrupted);
            }
            if (!interrupted) {
                pause(Math.min(delay, untilDeadline(now)));
            }
            if (interrupted) {
                // the caller throws rather than report this
                Termination stopped = new Termination.Lost("job " + name + " is deleted: the caller was interrupted");
                return new Outcome(stopped, elapsed(), pod, true, true);
            }
            delay = Math.min(delay * 2, maxPollInterval.toNanos());
        }
    }

    /** One look; the termination once the run has ended. An API error is tolerated up to the outage limit. */
    private Optional<Termination> look() {
        KubernetesJobState state;
        try {
            Job job = client.batch()
                    .v1()
                    .jobs()
                    .inNamespace(namespace)
                    .withName(name)
                    .get();
            Optional<Pod> newest =
                    client
                            .pods()
                            .inNamespace(namespace)
                            .withLabel(KubernetesJob.RUN_LABEL, name)
                            .list()
                            .getItems()
                            .stream()
                            .max(Comparator.comparing(
                                    p -> String.valueOf(p.getMetadata().getCreationTimestamp())));
            state = new KubernetesJobState(Optional.ofNullable(job), newest);
        } catch (KubernetesClientException e) {
            if (Thread.interrupted() || e.getCause() instanceof InterruptedException) {
                interrupted = true;
                return Optional.empty();
            }
            LOG.debugf("no answer about job %s: %s", name, e.getMessage());
            if (System.nanoTime() - lastAnswer > OUTAGE_LIMIT.toNanos()) {
                throw new SandboxException(
                        "the Kubernetes API has not answered about job " + name + " for " + OUTAGE_LIMIT + ": " + e, e);
            }
            return Optional.empty();
        }
        lastAnswer = System.nanoTime();
        state.pod().ifPresent(p -> pod = Optional.of(p.getMetadata().getName()));
        boolean wasStarted = startedAt >= 0;
        if (!wasStarted && state.started()) {
            startedAt = lastAnswer;
        }
        return state.termination(name, wasStarted, timeout);
    }

    private long untilDeadline(long now) {
        return startedAt < 0 ? Long.MAX_VALUE : Math.max(0, startedAt + timeout.toNanos() - now);
    }

    /** Sleeps, noting an interrupt (also one that came during an API call) instead of throwing it. */
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

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - (startedAt >= 0 ? startedAt : created));
    }
}
