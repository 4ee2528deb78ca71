package dev.clade.sandbox.job;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;

/**
 * Plays the Job controller and the kubelet against fabric8's mock API server: creates a Job's pod in a given state,
 * marks the Job finished, and serves the pod's log (which CRUD mode cannot).
 */
final class ClusterDouble {

    private final KubernetesClient client;
    private final KubernetesMockServer server;
    private final String namespace;

    ClusterDouble(KubernetesClient client, KubernetesMockServer server, String namespace) {
        this.client = client;
        this.server = server;
        this.namespace = namespace;
    }

    /** The one Job the sandbox created; the first call to a fresh client can take seconds. */
    Job awaitJob() {
        return await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> client.batch()
                                .v1()
                                .jobs()
                                .inNamespace(namespace)
                                .list()
                                .getItems(),
                        jobs -> jobs.size() == 1)
                .get(0);
    }

    Job job(Job job) {
        return client.batch()
                .v1()
                .jobs()
                .inNamespace(namespace)
                .withName(job.getMetadata().getName())
                .get();
    }

    /** The Job's pod, running. */
    void running(Job job) {
        client.pods()
                .inNamespace(namespace)
                .resource(pod(job).editStatus()
                        .withPhase("Running")
                        .addNewContainerStatus()
                        .withName(KubernetesJob.CONTAINER)
                        .withNewState()
                        .withNewRunning()
                        .endRunning()
                        .endState()
                        .endContainerStatus()
                        .endStatus()
                        .build())
                .createOr(existing -> existing.update());
    }

    /** The pod ended with the exit code and wrote the log; the Job is marked Complete or Failed after it. */
    void finish(Job job, String podPhase, int exitCode, String log) {
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/" + namespace + "/pods/" + podName(job) + "/log?pretty=false&container="
                        + KubernetesJob.CONTAINER)
                .andReturn(200, log)
                .always();
        client.pods()
                .inNamespace(namespace)
                .resource(pod(job).editStatus()
                        .withPhase(podPhase)
                        .addNewContainerStatus()
                        .withName(KubernetesJob.CONTAINER)
                        .withNewState()
                        .withNewTerminated()
                        .withExitCode(exitCode)
                        .withReason(exitCode == 0 ? "Completed" : "Error")
                        .endTerminated()
                        .endState()
                        .endContainerStatus()
                        .endStatus()
                        .build())
                .createOr(existing -> existing.update());
        String condition = podPhase.equals("Succeeded") ? "Complete" : "Failed";
        client.batch()
                .v1()
                .jobs()
                .inNamespace(namespace)
                .resource(new JobBuilder(job(job))
                        .withNewStatus()
                        .addNewCondition()
                        .withType(condition)
                        .withStatus("True")
                        .withReason(condition.equals("Failed") ? "BackoffLimitExceeded" : null)
                        .endCondition()
                        .endStatus()
                        .build())
                .updateStatus();
    }

    /** The kubelet evicted the pod: its container was killed, which is no exit of the command's own. */
    void evict(Job job) {
        client.pods()
                .inNamespace(namespace)
                .resource(pod(job).editStatus()
                        .withPhase("Failed")
                        .withReason("Evicted")
                        .withMessage("The node was low on resource: memory.")
                        .addNewContainerStatus()
                        .withName(KubernetesJob.CONTAINER)
                        .withNewState()
                        .withNewTerminated()
                        .withExitCode(137)
                        .endTerminated()
                        .endState()
                        .endContainerStatus()
                        .endStatus()
                        .build())
                .update();
    }

    private static PodBuilder pod(Job job) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(podName(job))
                .withLabels(job.getSpec().getTemplate().getMetadata().getLabels())
                .endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .withNewStatus()
                .endStatus();
    }

    private static String podName(Job job) {
        return job.getMetadata().getName() + "-x7k2p";
    }
}
