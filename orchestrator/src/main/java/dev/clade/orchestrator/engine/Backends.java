package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.CladeConfig;
import dev.clade.sandbox.ProcessSandbox;
import dev.clade.sandbox.Sandbox;
import dev.clade.sandbox.job.GpuLeasingSandbox;
import dev.clade.sandbox.job.SlurmSandbox;
import dev.clade.sandbox.job.SlurmSettings;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The sandboxes stages run in, by the backend they name: {@code local} is the strongest sandbox this host supports
 * (bubblewrap where it works) behind one GPU lease pool shared by every campaign of this process, so two jobs never
 * get the same GPU; {@code slurm} submits to the cluster the Slurm commands on the PATH talk to, created on first use.
 */
@ApplicationScoped
public class Backends {

    private final Sandbox local = new GpuLeasingSandbox(new ProcessSandbox());
    private final CladeConfig config;
    private volatile Sandbox slurm;

    public Backends(CladeConfig config) {
        this.config = config;
    }

    public Sandbox forName(String backend) {
        return switch (backend) {
            case "local" -> local;
            case "slurm" -> slurm();
            default -> throw new IllegalArgumentException("unknown backend " + backend);
        };
    }

    /** What the local sandbox isolates, in one line. */
    public String isolation() {
        return local.isolation();
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
