package dev.clade.sandbox.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link KubernetesSandbox} runs jobs on a Kubernetes cluster. The cluster itself is the client's: the
 * kubeconfig, in-cluster service account or {@code KUBERNETES_MASTER} that fabric8 finds.
 *
 * @param namespace where Jobs are created
 * @param image the container image every command runs in; it must hold the command's program (the argv's first
 *     word is run as the container's {@code command}, replacing the image's entrypoint)
 * @param workspace how the request's working directory reaches the pod; empty to mount nothing, in which case the
 *     container's working directory is the request's path as it is, and must exist in the image
 * @param maxPollInterval the longest wait between two looks at a job (the first looks come faster); also how late a
 *     timeout or an end can be noticed
 * @param deadlineMargin added to the request's timeout (rounded up to seconds) for the Job's {@code
 *     activeDeadlineSeconds}, so that Clade normally stops a job itself and the cluster's deadline is only a
 *     backstop; since the cluster counts from the Job's start, the margin also bounds how long a pod may wait to be
 *     scheduled and pull its image
 * @param ttlAfterFinished the Job's {@code ttlSecondsAfterFinished}: how long a finished Job and its pod stay for
 *     inspection before the cluster deletes them
 */
public record KubernetesSettings(
        String namespace,
        String image,
        Optional<Workspace> workspace,
        Duration maxPollInterval,
        Duration deadlineMargin,
        Duration ttlAfterFinished) {

    /**
     * A PersistentVolumeClaim that this host and the pods both see: mounted here at {@code localRoot} (an NFS or
     * CephFS share, say) and in every pod at {@code mountPath}. A request's working directory must lie under {@code
     * localRoot}; {@code localRoot/a/b} runs in the pod as {@code mountPath/a/b}. The claim must allow the access
     * mode that many pods at once need ({@code ReadWriteMany}) unless one node runs everything.
     *
     * @param claimName the PersistentVolumeClaim in the settings' namespace
     * @param localRoot where the claim's volume is mounted on this host; absolute
     * @param mountPath where the volume is mounted in the pod; absolute, with {@code /} separators
     */
    public record Workspace(String claimName, Path localRoot, String mountPath) {

        public Workspace {
            requireName(claimName, "claimName");
            Objects.requireNonNull(localRoot, "localRoot");
            if (!localRoot.isAbsolute()) {
                throw new IllegalArgumentException("localRoot must be absolute: " + localRoot);
            }
            localRoot = localRoot.normalize();
            Objects.requireNonNull(mountPath, "mountPath");
            if (!mountPath.startsWith("/")) {
                throw new IllegalArgumentException("mountPath must be absolute: " + mountPath);
            }
        }

        /**
         * Where a working directory of this host is in the pod.
         *
         * @throws IllegalArgumentException if it is not under {@link #localRoot()}
         */
        public String podPath(Path workingDirectory) {
            Path local = workingDirectory.toAbsolutePath().normalize();
            if (!local.startsWith(localRoot)) {
                throw new IllegalArgumentException("working directory " + local + " is not on the workspace volume "
                        + claimName + " (mounted here at " + localRoot + ")");
            }
            StringBuilder path = new StringBuilder(
                    mountPath.endsWith("/") ? mountPath.substring(0, mountPath.length() - 1) : mountPath);
            for (Path part : localRoot.relativize(local)) {
                if (!part.toString().isEmpty()) {
                    path.append('/').append(part);
                }
            }
            return path.isEmpty() ? "/" : path.toString();
        }
    }

    public KubernetesSettings {
        requireName(namespace, "namespace");
        Objects.requireNonNull(image, "image");
        if (image.isBlank()) {
            throw new IllegalArgumentException("image must not be blank");
        }
        Objects.requireNonNull(workspace, "workspace");
        Durations.requirePositive(maxPollInterval, "maxPollInterval");
        Durations.requireNotNegative(deadlineMargin, "deadlineMargin");
        Durations.requireNotNegative(ttlAfterFinished, "ttlAfterFinished");
    }

    /** No workspace volume, at most 5 s between looks, 10 minutes of deadline margin, finished Jobs kept an hour. */
    public static KubernetesSettings of(String namespace, String image) {
        return new KubernetesSettings(
                namespace, image, Optional.empty(), Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofHours(1));
    }

    public KubernetesSettings withWorkspace(Workspace workspace) {
        return new KubernetesSettings(
                namespace, image, Optional.of(workspace), maxPollInterval, deadlineMargin, ttlAfterFinished);
    }

    public KubernetesSettings withMaxPollInterval(Duration maxPollInterval) {
        return new KubernetesSettings(namespace, image, workspace, maxPollInterval, deadlineMargin, ttlAfterFinished);
    }

    public KubernetesSettings withDeadlineMargin(Duration deadlineMargin) {
        return new KubernetesSettings(namespace, image, workspace, maxPollInterval, deadlineMargin, ttlAfterFinished);
    }

    public KubernetesSettings withTtlAfterFinished(Duration ttlAfterFinished) {
        return new KubernetesSettings(namespace, image, workspace, maxPollInterval, deadlineMargin, ttlAfterFinished);
    }

    private static void requireName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (!name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
            throw new IllegalArgumentException(
                    what + " must be a Kubernetes name (lower case, digits, '-'): '" + name + "'");
        }
    }
}
