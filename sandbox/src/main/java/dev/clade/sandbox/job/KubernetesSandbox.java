package dev.clade.sandbox.job;

import dev.clade.sandbox.Sandbox;
import dev.clade.sandbox.SandboxException;
import dev.clade.sandbox.SandboxRequest;
import dev.clade.sandbox.SandboxResult;
import dev.clade.sandbox.StreamSummary;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Runs each command as a Kubernetes Job (see {@link KubernetesJob#manifest} for what it holds): the settings'
 * image, the request's argv as the container's command, the request's variables as its only added environment,
 * GPUs ({@code nvidia.com/gpu}, only for N > 0), memory and CPUs as {@code resources.limits}, {@code backoffLimit:
 * 0}, {@code activeDeadlineSeconds} the timeout plus a margin, and the label {@code app.kubernetes.io/managed-by:
 * clade}. The request's {@code cpuSeconds} and {@code processes} have no per-container equivalent and are not applied.
 *
 * <p><b>Working directory.</b> The working directory must be on a volume the cluster mounts: with a {@link
 * KubernetesSettings.Workspace} it must lie under the claim's {@code localRoot} on this host, and runs in the pod at
 * the same place under the claim's {@code mountPath}; without one, its path is used in the container as it is.
 *
 * <p><b>Watching.</b> The Job and its pod are polled (see {@link KubernetesJobState} for how they read). The timeout
 * counts from when the pod is first seen running, not from creation (scheduling and image pulls are bounded by the
 * deadline margin instead); at the timeout the pod's log is copied, the Job is deleted with propagation {@code
 * Background} (its pod too), and the result is {@code TimedOut}. When the calling thread is interrupted the same is
 * done, and then a {@link SandboxException} is thrown with the interrupt flag kept. A Job the cluster rejects at
 * creation (422: an invalid name, image or quantity) is {@code Refused}.
 *
 * <p><b>Logs.</b> Kubernetes keeps one log per container, with standard error merged into standard output: it is
 * read from the pod's log API once the run ends and copied, capped as the local sandbox caps, into the request's
 * {@code stdoutLog}; the {@code stderrLog} stays empty.
 *
 * <p>The client (its cluster, credentials and HTTP client) is the caller's, who closes it.
 */
public final class KubernetesSandbox implements Sandbox {

    private static final Logger LOG = Logger.getLogger(KubernetesSandbox.class);

    private final KubernetesClient client;
    private final KubernetesSettings settings;

    public KubernetesSandbox(KubernetesClient client, KubernetesSettings settings) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String isolation() {
        return "Kubernetes Job in namespace " + settings.namespace() + " (image " + settings.image()
                + ", no service-account token); environment: the image's and the request's variables;"
                + " output: standard output and error merged, capped;"
                + " GPUs, memory and CPUs as resources.limits, enforced by the kubelet;"
                + " filesystem: the image and the workspace volume; network: as the namespace's NetworkPolicies allow";
    }

    /**
     * {@inheritDoc}
     *
     * @throws SandboxException also when the working directory is not on the workspace volume, the API server
     *     refuses the Job for a reason other than the request (no access, no such namespace) or does not answer about
     *     it for 5 minutes, or the calling thread is interrupted (the Job is deleted first; the interrupt flag is kept)
     */
    @Override
    public SandboxResult run(SandboxRequest request) {
        if (request.isolation().strict()) {
            return Refusals.refused(
                    request,
                    "strict isolation asked for, but Clade does not set the network or filesystem isolation of a"
                            + " Kubernetes pod");
        }
        String name = "clade-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        Job job;
        try {
            job = KubernetesJob.manifest(name, request, settings);
        } catch (IllegalArgumentException e) {
            throw new SandboxException(e.getMessage(), e);
        }
        if (settings.workspace().isPresent() && !Files.isDirectory(request.workingDirectory())) {
            throw new SandboxException(
                    "working directory does not exist or is not a directory: " + request.workingDirectory());
        }
        // written empty now, so that a log that cannot be written fails the run before a Job is created
        Refusals.emptyLog(request.stdoutLog());
        StreamSummary stderr = Refusals.emptyLog(request.stderrLog());
        try {
            KubernetesJob.jobs(client, settings.namespace()).resource(job).create();
        } catch (KubernetesClientException e) {
            if (Thread.interrupted() || e.getCause() instanceof InterruptedException) {
                try {
                    delete(name); // it may have been created before the answer was lost
                } finally {
                    Thread.currentThread().interrupt();
                }
                throw new SandboxException("interrupted while creating Kubernetes job " + name, e);
            }
            if (e.getCode() == 422) {
                return Refusals.refused(request, "the cluster rejected the job: " + e.getMessage());
            }
            throw new SandboxException("cannot create Kubernetes job " + name + ": " + e.getMessage(), e);
        }
        LOG.debugf("created Kubernetes job %s/%s for %s", settings.namespace(), name, request.command());
        var outcome = new KubernetesJobWatch(
                        client, settings.namespace(), name, request.timeout(), settings.maxPollInterval())
                .await();
        StreamSummary stdout;
        try {
            stdout = copyLog(outcome.pod(), request);
            if (outcome.mustStop()) {
                delete(name);
            }
        } finally {
            if (outcome.interrupted()) {
                Thread.currentThread().interrupt();
            }
        }
        if (outcome.interrupted()) {
            throw new SandboxException(
                    "interrupted while Kubernetes job " + name + " ran " + request.command() + "; the job was deleted");
        }
        LOG.debugf("Kubernetes job %s %s after %s", name, outcome.termination().describe(), outcome.elapsed());
        return new SandboxResult(outcome.termination(), outcome.elapsed(), stdout, stderr);
    }

    /** The pod's log, capped, in the request's stdout log; empty when there is no pod or its log is gone. */
    private StreamSummary copyLog(Optional<String> pod, SandboxRequest request) {
        Path log = request.stdoutLog();
        Path raw;
        try {
            raw = Files.createTempFile(log.toAbsolutePath().getParent(), ".clade-pod-", ".log");
        } catch (IOException e) {
            throw new SandboxException("cannot create a file next to " + log + ": " + e, e);
        }
        try {
            pod.ifPresent(name -> download(name, raw));
            return CappedLog.copy(raw, log, request.outputLimitBytes());
        } finally {
            try {
                Files.deleteIfExists(raw);
            } catch (IOException e) {
                LOG.debugf("could not delete %s: %s", raw, e);
            }
        }
    }

    private void download(String pod, Path raw) {
        try (InputStream in = client.pods()
                .inNamespace(settings.namespace())
                .withName(pod)
                .inContainer(KubernetesJob.CONTAINER)
                .getLogInputStream()) {
            Files.copy(in, raw, StandardCopyOption.REPLACE_EXISTING);
        } catch (KubernetesClientException e) {
            // the pod may be gone already (deleted, or its node lost): the run's end is known, its output is not
            LOG.debugf("no log for pod %s: %s", pod, e.getMessage());
        } catch (IOException e) {
            throw new SandboxException("cannot copy the log of pod " + pod + " into " + raw + ": " + e, e);
        }
    }

    private void delete(String name) {
        try {
            KubernetesJob.jobs(client, settings.namespace())
                    .withName(name)
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                    .delete();
        } catch (KubernetesClientException e) {
            throw new SandboxException("cannot delete Kubernetes job " + name + ": " + e.getMessage(), e);
        }
    }
}
