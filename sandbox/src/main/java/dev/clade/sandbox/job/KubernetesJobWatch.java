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
import org.jboss.logging.Logger;

/**
 * Follows one created Job to its end: looks at the Job and its pod at growing intervals (up to the settings'
 * maximum), and stops at the timeout, counted from when the pod is first seen running, or when the calling thread
 * is interrupted. It deletes nothing: the caller copies the pod's log first. Not thread-safe: one watch per Job,
 * on the thread that runs the request.
 */
final class KubernetesJobWatch extends JobWatch<KubernetesJobWatch.Outcome> {

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

    private static final Logger LOG = Logger.getLogger(KubernetesJobWatch.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private Optional<String> pod = Optional.empty();

    KubernetesJobWatch(
            KubernetesClient client, String namespace, String name, Duration timeout, Duration maxPollInterval) {
        super(FIRST_POLL, maxPollInterval, timeout);
        this.client = client;
        this.namespace = namespace;
        this.name = name;
    }

    @Override
    Outcome ended(Termination termination) {
        return new Outcome(termination, elapsed(), pod, false, wasInterrupted());
    }

    @Override
    Outcome timedOut() {
        return new Outcome(new Termination.TimedOut(timeout()), elapsed(), pod, true, wasInterrupted());
    }

    @Override
    Outcome stoppedByInterrupt() {
        Termination stopped = new Termination.Lost("job " + name + " is deleted: the caller was interrupted");
        return new Outcome(stopped, elapsed(), pod, true, true);
    }

    /** One look; the termination once the run has ended. An API error is tolerated up to the outage limit. */
    @Override
    Optional<Termination> look() {
        KubernetesJobState state;
        try {
            Job job = KubernetesJob.jobs(client, namespace).withName(name).get();
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
                noteInterrupt();
                return Optional.empty();
            }
            LOG.debugf("no answer about job %s: %s", name, e.getMessage());
            if (outage(System.nanoTime())) {
                throw new SandboxException(
                        "the Kubernetes API has not answered about job " + name + " for " + OUTAGE_LIMIT + ": " + e, e);
            }
            return Optional.empty();
        }
        long now = System.nanoTime();
        answered(now);
        state.pod().ifPresent(p -> pod = Optional.of(p.getMetadata().getName()));
        boolean wasStarted = started();
        if (state.started()) {
            sawStarted(now);
        }
        return state.termination(name, wasStarted, timeout());
    }
}
