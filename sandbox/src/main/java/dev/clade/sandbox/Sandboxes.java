package dev.clade.sandbox;

import java.time.Duration;

/** Picks the strongest sandbox this host supports. */
public final class Sandboxes {

    private Sandboxes() {}

    /** {@link #best(EnvironmentPolicy, Duration)} with the default policy and kill grace. */
    /**
     * How long local runs in flight may go on when the JVM shuts down (SIGTERM, or a normal exit) before they are
     * killed; zero, the default, kills them at once. A run killed then fails with a {@link SandboxException}, never
     * with a result, so that its caller can run it again elsewhere.
     */
    public static void shutdownGrace(Duration grace) {
        Supervisor.shutdownGrace(grace);
    }

    public static Sandbox best() {
        return best(EnvironmentPolicy.defaults(), ProcessSandbox.DEFAULT_KILL_GRACE);
    }

    /**
     * A {@link BubblewrapSandbox} when bwrap works on this host (checked once per JVM by running it), else a {@link
     * ProcessSandbox}. Either says in {@link Sandbox#isolation()} what it applies and what it cannot.
     */
    public static Sandbox best(EnvironmentPolicy environmentPolicy, Duration killGrace) {
        BubblewrapSandbox bubblewrap = new BubblewrapSandbox(environmentPolicy, killGrace);
        return bubblewrap.isolates() ? bubblewrap : new ProcessSandbox(environmentPolicy, killGrace);
    }
}
