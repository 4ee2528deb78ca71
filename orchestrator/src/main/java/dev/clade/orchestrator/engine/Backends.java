package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.campaign.Backend;
import dev.clade.orchestrator.config.CladeConfig;
import dev.clade.sandbox.BubblewrapSandbox;
import dev.clade.sandbox.EnvironmentPolicy;
import dev.clade.sandbox.ProcessSandbox;
import dev.clade.sandbox.Sandbox;
import dev.clade.sandbox.Sandboxes;
import dev.clade.sandbox.job.GpuLeasingSandbox;
import dev.clade.sandbox.job.KubernetesSandbox;
import dev.clade.sandbox.job.KubernetesSettings;
import dev.clade.sandbox.job.SlurmSandbox;
import dev.clade.sandbox.job.SlurmSettings;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The sandboxes stages run in, by the backend they name: {@code local} is the strongest sandbox this host supports
 * (bubblewrap where it works, with the toolchains under the home shown read-only; see {@link Toolchains}) behind one
 * GPU lease pool shared by every campaign of this process, so two jobs never
 * get the same GPU; {@code slurm} submits to the cluster the Slurm commands on the PATH talk to; {@code kubernetes}
 * creates a Job per stage in the cluster of the usual kubeconfig ({@code clade.kubernetes.*}). Both are created on
 * first use.
 */
@ApplicationScoped
public class Backends {

    /** How long the readiness check waits for a job backend's answer. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final Sandbox local;
    private final CladeConfig config;
    private volatile Sandbox slurm;
    private volatile Sandbox kubernetes;

    public Backends(CladeConfig config) {
        this.config = config;
        this.local = new GpuLeasingSandbox(strongest(config));
    }

    /** Bubblewrap where it works on this host, showing the toolchains under the home read-only; else processes. */
    private static Sandbox strongest(CladeConfig config) {
        Sandbox best = Sandboxes.best();
        if (best instanceof BubblewrapSandbox) {
            List<Path> toolchains = Toolchains.underHome(
                    Path.of(System.getProperty("user.home")),
                    System.getenv(),
                    config.sandboxReadOnly().orElse(List.of()));
            return new BubblewrapSandbox(EnvironmentPolicy.defaults(), ProcessSandbox.DEFAULT_KILL_GRACE, toolchains);
        }
        return best;
    }

    public Sandbox forName(Backend backend) {
        return switch (backend) {
            case LOCAL -> local;
            case SLURM -> slurm();
            case KUBERNETES -> kubernetes();
        };
    }

    /**
     * Whether a job backend answers now (the readiness check): Slurm when {@code sinfo} lists a partition, Kubernetes
     * when the cluster's API tells its version; empty when it answers (the local sandbox always does), else why not.
     */
    public static Optional<String> unanswered(Backend backend) {
        return switch (backend) {
            case LOCAL -> Optional.empty();
            case SLURM -> sinfo();
            case KUBERNETES -> kubernetesApi();
        };
    }

    private static Optional<String> sinfo() {
        try {
            Process p = new ProcessBuilder("sinfo", "--noheader", "--format=%P")
                    .redirectErrorStream(true)
                    .start();
            boolean ended = p.waitFor(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                p.destroyForcibly();
                return Optional.of("sinfo did not answer within " + PROBE_TIMEOUT.toSeconds() + " s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                return Optional.of("sinfo failed (exit " + p.exitValue() + "): " + firstLine(out));
            }
            return out.isEmpty() ? Optional.of("sinfo lists no partition") : Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot run sinfo: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while asking sinfo");
        }
    }

    private static Optional<String> kubernetesApi() {
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(Config.autoConfigure(null))
                        .withRequestTimeout((int) PROBE_TIMEOUT.toMillis())
                        .withConnectionTimeout((int) PROBE_TIMEOUT.toMillis())
                        .withRequestRetryBackoffLimit(0) // a probe asks once
                        .build())
                .build()) {
            client.getKubernetesVersion();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("the Kubernetes API does not answer: " + firstLine(String.valueOf(e.getMessage())));
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    /** What the local sandbox isolates, in one line. */
    public String isolation() {
        return local.isolation();
    }

    private synchronized Sandbox kubernetes() {
        if (kubernetes == null) {
            CladeConfig.Kubernetes k = config.kubernetes();
            String image = k.image()
                    .orElseThrow(() -> new IllegalStateException(
                            "a stage asks for backend kubernetes but clade.kubernetes.image is not set"));
            KubernetesSettings settings = KubernetesSettings.of(k.namespace(), image);
            if (k.claim().isPresent() && k.localRoot().isPresent()) {
                settings = settings.withWorkspace(new KubernetesSettings.Workspace(
                        k.claim().get(), k.localRoot().get(), k.mountPath()));
            }
            kubernetes = new KubernetesSandbox(new KubernetesClientBuilder().build(), settings);
        }
        return kubernetes;
    }

    private synchronized Sandbox slurm() {
        if (slurm == null) {
            SlurmSettings settings =
                    SlurmSettings.defaults().withSpoolDirectory(config.home().resolve("slurm"));
            slurm = new SlurmSandbox(
                    config.slurmPartition().map(settings::withPartition).orElse(settings));
        }
        return slurm;
    }
}
