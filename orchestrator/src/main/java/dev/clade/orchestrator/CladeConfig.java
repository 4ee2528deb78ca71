package dev.clade.orchestrator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** Settings of the Clade service ({@code clade.*}). */
@ConfigMapping(prefix = "clade")
public interface CladeConfig {

    /** Data directory: the embedded database, bare repositories, work folders and logs ({@code $CLADE_HOME}). */
    Path home();

    /** Work folders of finished proposals and evaluations are deleted unless this is true (logs are always kept). */
    @WithDefault("false")
    boolean keepWorkDirs();

    /** How long a worker waits for work in flight before asking the strategy again. */
    @WithDefault("1s")
    Duration waitPoll();

    /** Slurm partition that stages with {@code backend: slurm} are submitted to; the cluster's default if unset. */
    java.util.Optional<String> slurmPartition();

    /** More folders the local sandbox shows read-only although they lie in a hidden folder (the host's home). */
    java.util.Optional<java.util.List<Path>> sandboxReadOnly();

    default Path repos() {
        return home().resolve("repos");
    }

    default Path work() {
        return home().resolve("work");
    }

    default Path logs() {
        return home().resolve("logs");
    }
}
