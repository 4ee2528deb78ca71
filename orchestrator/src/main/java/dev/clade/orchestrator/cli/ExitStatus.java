package dev.clade.orchestrator.cli;

import java.util.concurrent.atomic.AtomicBoolean;

/** How the {@code clade} command ends, and whether the JVM is shutting down while it runs. */
public final class ExitStatus {

    /** Exit status for a command line or campaign spec that cannot run. */
    public static final int USAGE = 2;

    /** Set once the JVM begins to shut down (SIGINT, SIGTERM): failures after it are the shutdown, not bugs. */
    public static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();

    private ExitStatus() {}
}
