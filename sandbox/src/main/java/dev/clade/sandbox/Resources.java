package dev.clade.sandbox;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a command may use, enforced locally as limits and asked of a scheduler (Slurm, Kubernetes) as requests.
 *
 * @param gpus GPUs to lease (0 for none)
 * @param cpus CPUs to ask a scheduler for
 * @param memoryBytes the most memory the command's processes may use
 * @param cpuSeconds the most CPU time per process
 * @param processes the most processes (and threads) the command may have at once
 */
public record Resources(
        int gpus, OptionalInt cpus, OptionalLong memoryBytes, OptionalLong cpuSeconds, OptionalInt processes) {

    public Resources {
        if (gpus < 0) {
            throw new IllegalArgumentException("gpus must not be negative: " + gpus);
        }
        Objects.requireNonNull(cpus, "cpus");
        Objects.requireNonNull(memoryBytes, "memoryBytes");
        Objects.requireNonNull(cpuSeconds, "cpuSeconds");
        Objects.requireNonNull(processes, "processes");
    }

    /** No GPU and no limits. */
    public static Resources none() {
        return new Resources(0, OptionalInt.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalInt.empty());
    }
}
