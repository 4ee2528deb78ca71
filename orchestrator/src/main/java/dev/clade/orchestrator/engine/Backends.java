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
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;

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
