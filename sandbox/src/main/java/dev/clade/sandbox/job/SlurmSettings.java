package dev.clade.sandbox.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link SlurmSandbox} talks to a Slurm cluster.
 *
 * @param partition the partition jobs are submitted to ({@code --partition}); empty for the cluster's default
 * @param spoolDirectory where each job gets a private folder for Slurm's raw {@code --output}/{@code --error} files,
 *     deleted once they are copied into the request's logs; on a cluster of several nodes it must be on a
 *     filesystem the compute nodes share with this host
 * @param maxPollInterval the longest wait between two looks at a job's state (the first looks come faster); also
 *     how late a timeout or an end can be noticed
 * @param timeLimitMargin added to the request's timeout (rounded up to minutes) for Slurm's own {@code --time}, so
 *     that Clade normally cancels a job itself and Slurm's limit is only a backstop
 * @param maxQueueWait how long a job may stay pending before it is cancelled and reported {@code Lost}; empty to wait
 *     as long as Slurm keeps it queued
 */
public record SlurmSettings(
        Optional<String> partition,
        Path spoolDirectory,
        Duration maxPollInterval,
        Duration timeLimitMargin,
        Optional<Duration> maxQueueWait) {

    public SlurmSettings {
        Objects.requireNonNull(partition, "partition");
        partition.ifPresent(name -> {
            if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("partition must be a name without spaces: '" + name + "'");
            }
        });
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        Durations.requirePositive(maxPollInterval, "maxPollInterval");
        Durations.requireNotNegative(timeLimitMargin, "timeLimitMargin");
        Objects.requireNonNull(maxQueueWait, "maxQueueWait");
        maxQueueWait.ifPresent(wait -> Durations.requirePositive(wait, "maxQueueWait"));
    }

    /**
     * The default partition, a spool folder {@code clade-slurm} in {@code java.io.tmpdir} (fine on one node), at
     * most 5 s between looks, 2 minutes of margin, no limit on queueing.
     */
    public static SlurmSettings defaults() {
        return new SlurmSettings(
                Optional.empty(),
                Path.of(System.getProperty("java.io.tmpdir"), "clade-slurm"),
                Duration.ofSeconds(5),
                Duration.ofMinutes(2),
                Optional.empty());
    }

    public SlurmSettings withPartition(String partition) {
        return new SlurmSettings(
                Optional.of(partition), spoolDirectory, maxPollInterval, timeLimitMargin, maxQueueWait);
    }

    public SlurmSettings withSpoolDirectory(Path spoolDirectory) {
        return new SlurmSettings(partition, spoolDirectory, maxPollInterval, timeLimitMargin, maxQueueWait);
    }

    public SlurmSettings withMaxPollInterval(Duration maxPollInterval) {
        return new SlurmSettings(partition, spoolDirectory, maxPollInterval, timeLimitMargin, maxQueueWait);
    }

    public SlurmSettings withTimeLimitMargin(Duration timeLimitMargin) {
        return new SlurmSettings(partition, spoolDirectory, maxPollInterval, timeLimitMargin, maxQueueWait);
    }

    public SlurmSettings withMaxQueueWait(Duration maxQueueWait) {
        return new SlurmSettings(
                partition, spoolDirectory, maxPollInterval, timeLimitMargin, Optional.of(maxQueueWait));
    }
}
