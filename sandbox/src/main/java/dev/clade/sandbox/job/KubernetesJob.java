package dev.clade.sandbox.job;

import dev.clade.sandbox.SandboxRequest;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.ScalableResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The Job manifest {@link KubernetesSandbox} creates for one request, and where such Jobs are found. */
final class KubernetesJob {

    /** The one container of the pod. */
    static final String CONTAINER = "main";

    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** On the Job and its pod template, so that the run's pod can be found by it. */
    static final String RUN_LABEL = "clade.dev/run";

    static final String GPU_RESOURCE = "nvidia.com/gpu";
    static final String WORKSPACE_VOLUME = "workspace";

    private KubernetesJob() {}

    /** The Jobs of {@code namespace}: where a run's Job is created, looked at and deleted. */
    static NonNamespaceOperation<Job, JobList, ScalableResource<Job>> jobs(KubernetesClient client, String namespace) {
        return client.batch().v1().jobs().inNamespace(namespace);
    }

    /**
     * A Job that runs the request's argv once ({@code backoffLimit: 0}, {@code restartPolicy: Never}) in the
     * settings' image, with only the request's variables added to the image's environment, no service-account token
     * and no service links, its GPUs, memory and CPUs as {@code resources.limits}, and {@code activeDeadlineSeconds}
     * the timeout rounded up to seconds plus the settings' margin.
     *
     * @throws IllegalArgumentException if the working directory is not on the settings' workspace volume
     */
    static Job manifest(String name, SandboxRequest request, KubernetesSettings settings) {
        Map<String, String> labels = Map.of(MANAGED_BY, "clade", RUN_LABEL, name);
        String workingDir = settings.workspace()
                .map(workspace -> workspace.podPath(request.workingDirectory()))
                .orElse(request.workingDirectory().toString());
        var job = new JobBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(settings.namespace())
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withActiveDeadlineSeconds(deadlineSeconds(request.timeout(), settings.deadlineMargin()))
                .withTtlSecondsAfterFinished(
                        Math.toIntExact(settings.ttlAfterFinished().toSeconds()))
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .addNewContainer()
                .withName(CONTAINER)
                .withImage(settings.image())
                .withCommand(request.command())
                .withWorkingDir(workingDir)
                .withEnv(environment(request.environment()))
                .withNewResources()
                .withLimits(limits(request))
                .endResources()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec();
        settings.workspace()
                .ifPresent(workspace -> job.editSpec()
                        .editTemplate()
                        .editSpec()
                        .addNewVolume()
                        .withName(WORKSPACE_VOLUME)
                        .withNewPersistentVolumeClaim()
                        .withClaimName(workspace.claimName())
                        .endPersistentVolumeClaim()
                        .endVolume()
                        .editFirstContainer()
                        .addNewVolumeMount()
                        .withName(WORKSPACE_VOLUME)
                        .withMountPath(workspace.mountPath())
                        .endVolumeMount()
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec());
        return job.build();
    }

    static long deadlineSeconds(Duration timeout, Duration margin) {
        long seconds = timeout.toSeconds() + (timeout.toNanosPart() > 0 ? 1 : 0);
        return seconds + margin.toSeconds();
    }

    private static List<EnvVar> environment(Map<String, String> variables) {
        return new TreeMap<>(variables)
                .entrySet().stream()
                        .map(variable -> new EnvVar(variable.getKey(), variable.getValue(), null))
                        .toList();
    }

    /** No GPU limit at all when none are asked for; memory in bytes; whole CPUs. */
    private static Map<String, Quantity> limits(SandboxRequest request) {
        Map<String, Quantity> limits = new TreeMap<>();
        var resources = request.resources();
        if (resources.gpus() > 0) {
            limits.put(GPU_RESOURCE, new Quantity(Integer.toString(resources.gpus())));
        }
        resources.memoryBytes().ifPresent(bytes -> limits.put("memory", new Quantity(Long.toString(bytes))));
        resources.cpus().ifPresent(cpus -> limits.put("cpu", new Quantity(Integer.toString(cpus))));
        return limits;
    }
}
