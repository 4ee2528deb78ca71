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
 * @param processes the most processes (and threads) the command may have at once; local sandboxes apply {@link
 *     #DEFAULT_PROCESSES} when this is empty, so that a fork bomb cannot take the host down
 */
public record Resources(
        int gpus, OptionalInt cpus, OptionalLong memoryBytes, OptionalLong cpuSeconds, OptionalInt processes) {

    /** The process limit local sandboxes apply when a request sets none. */
    public static final int DEFAULT_PROCESSES = 512;

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

    public Resources withMemoryBytes(long memoryBytes) {
        return new Resources(gpus, cpus, OptionalLong.of(positive(memoryBytes, "memoryBytes")), cpuSeconds, processes);
    }

    public Resources withCpuSeconds(long cpuSeconds) {
        return new Resources(gpus, cpus, memoryBytes, OptionalLong.of(positive(cpuSeconds, "cpuSeconds")), processes);
    }

    public Resources withProcesses(int processes) {
        return new Resources(
                gpus, cpus, memoryBytes, cpuSeconds, OptionalInt.of((int) positive(processes, "processes")));
    }

    private static long positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }
}
