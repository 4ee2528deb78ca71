package dev.clade.sandbox.job;

import dev.clade.sandbox.Termination;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one look at a Job and its pod says: whether the run has ended, and how. Pure: no calls to the cluster.
 *
 * <ul>
 *   <li>A pod the cluster took away (evicted, preempted, its node lost or shut down: a {@code DisruptionTarget}
 *       condition or one of those reasons) is {@code Lost}, whatever its container's exit code.
 *   <li>A pod that ended ({@code Succeeded} or {@code Failed}) with a terminated container is {@code Exited} with
 *       the container's exit code ({@code 128 + signal} for a signal, as the kubelet reports it).
 *   <li>A Job marked {@code Complete} is {@code Exited} with the pod's exit code (0 if the pod is gone); one marked
 *       {@code Failed} for its deadline is {@code TimedOut} once the command had started, else {@code Lost}; one
 *       {@code Failed} for another reason without a container exit code is {@code Lost}.
 *   <li>A Job that is gone is {@code Lost}.
 * </ul>
 */
record KubernetesJobState(Optional<Job> job, Optional<Pod> pod) {

    /** Pod reasons the kubelet or the node lifecycle controller give when they, not the command, ended the pod. */
    static final Set<String> DISRUPTIONS = Set.of(
            "Evicted",
            "NodeLost",
            "Preempting",
            "Shutdown",
            "NodeShutdown",
            "Terminated",
            "UnexpectedAdmissionError",
            "NodeAffinity",
            "OutOfcpu",
            "OutOfmemory");

    KubernetesJobState {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(pod, "pod");
    }

    /** Whether the command has started: its pod runs or has ended. */
    boolean started() {
        return pod.map(KubernetesJobState::phase)
                .filter(phase -> phase.equals("Running") || phase.equals("Succeeded") || phase.equals("Failed"))
                .isPresent();
    }

    /**
     * @param name the Job's name, for messages
     * @param wasStarted whether the command was seen started on an earlier look
     * @param timeout the request's timeout, for a {@code TimedOut}
     * @return the run's end, or empty while it goes on
     */
    Optional<Termination> termination(String name, boolean wasStarted, Duration timeout) {
        if (job.isEmpty()) {
            return Optional.of(lost("job " + name + " disappeared from the cluster" + podNote()));
        }
        Optional<String> disruption = pod.flatMap(KubernetesJobState::disruption);
        if (disruption.isPresent()) {
            return Optional.of(lost("pod of job " + name + " was ended by the cluster: " + disruption.get()));
        }
        Optional<Integer> exitCode = pod.filter(p -> phase(p).equals("Succeeded") || phase(p).equals("Failed"))
                .flatMap(KubernetesJobState::exitCode);
        if (exitCode.isPresent()) {
            return Optional.of(new Termination.Exited(exitCode.get()));
        }
        Optional<JobCondition> finished = condition(job.get(), "Complete").or(() -> condition(job.get(), "Failed"));
        if (finished.isEmpty()) {
            return Optional.empty();
        }
        JobCondition condition = finished.get();
        if (condition.getType().equals("Complete")) {
            return Optional.of(new Termination.Exited(0));
        }
        if ("DeadlineExceeded".equals(condition.getReason()) && (wasStarted || started())) {
            return Optional.of(new Termination.TimedOut(timeout));
        }
        return Optional.of(lost("job " + name + " failed without an exit code: " + condition.getReason() + ": "
                + condition.getMessage() + podNote()));
    }

    private String podNote() {
        return pod.map(p -> " (its pod " + p.getMetadata().getName() + " was " + phase(p) + ")")
                .orElse("");
    }

    private static Termination lost(String reason) {
        return new Termination.Lost(reason);
    }

    static String phase(Pod pod) {
        PodStatus status = pod.getStatus();
        return status == null || status.getPhase() == null ? "Pending" : status.getPhase();
    }

    private static Optional<String> disruption(Pod pod) {
        PodStatus status = pod.getStatus();
        if (status == null) {
            return Optional.empty();
        }
        String why = status.getReason() + (status.getMessage() == null ? "" : ": " + status.getMessage());
        if (status.getReason() != null && DISRUPTIONS.contains(status.getReason())) {
            return Optional.of(why);
        }
        List<PodCondition> conditions = status.getConditions() == null ? List.of() : status.getConditions();
        return conditions.stream()
                .filter(c -> "DisruptionTarget".equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst()
                .map(c -> c.getReason() + (c.getMessage() == null ? "" : ": " + c.getMessage()));
    }

    private static Optional<Integer> exitCode(Pod pod) {
        List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
        if (statuses == null) {
            return Optional.empty();
        }
        return statuses.stream()
                .filter(s -> KubernetesJob.CONTAINER.equals(s.getName()))
                .map(s -> s.getState() == null ? null : s.getState().getTerminated())
                .filter(Objects::nonNull)
                .map(ContainerStateTerminated::getExitCode)
                .filter(Objects::nonNull)
                .findFirst();
    }

    private static Optional<JobCondition> condition(Job job, String type) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst();
    }
}
