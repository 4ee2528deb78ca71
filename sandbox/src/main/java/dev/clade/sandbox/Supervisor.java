package dev.clade.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs a prepared {@link Launch} for any local sandbox: starts it, drains and caps its output, watches its process
 * count, kills its whole tree at the timeout and once the main process has ended, reports each limit the run breached
 * (the kernel's counters in its cgroup, the main process's death by SIGXCPU, its own watch and capture) and notes it
 * in the stderr log.
 */
final class Supervisor {

    /**
     * Trees of the runs in flight in this JVM. When the JVM exits normally or on SIGINT/SIGTERM, a shutdown hook kills
     * them, since they live in sessions of their own and would not get the terminal's signal; it first gives them
     * {@link Sandboxes#shutdownGrace} to end by themselves. A run the hook kills ends in a {@link SandboxException}, not
     * a result: its process did not fail, the JVM stopped. (A JVM killed with SIGKILL runs no hook: bubblewrap's runs
     * die with it, ProcessSandbox's finish or time out on their own.)
     */
    private static final Set<ProcessTree> LIVE = ConcurrentHashMap.newKeySet();

    /**
     * Every process is started from this one platform thread, which lives as long as the JVM: bubblewrap's
     * {@code --die-with-parent} fires when the thread that started it ends, not the JVM, and a caller's thread (a pool
     * thread, a virtual thread's carrier) may end while its run goes on.
     */
    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "sandbox-launcher");
        thread.setDaemon(true);
        return thread;
    });

    private static volatile Duration shutdownGrace = Duration.ZERO;
    /** The trees the shutdown hook killed: their runs end in an exception, not a result. */
    private static final Set<ProcessTree> KILLED_AT_SHUTDOWN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Supervisor::killAtShutdown, "sandbox-shutdown"));
    }

    static void shutdownGrace(Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the shutdown grace must not be negative: " + grace);
        }
        shutdownGrace = grace;
    }

    private static void killAtShutdown() {
        long deadline = System.nanoTime() + shutdownGrace.toNanos();
        while (!LIVE.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                break;
            }
        }
        for (ProcessTree tree : LIVE) {
            KILLED_AT_SHUTDOWN.add(tree);
            tree.kill();
        }
    }

    private static final Logger LOG = Logger.getLogger(Supervisor.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Processes of the sandbox itself that the watch counts but a kernel limit may not (bubblewrap's two). */
    private static final int WRAPPERS = 2;
    /** How long to wait for a pipe that an escaped process still holds open once the tree is dead. */
    private static final Duration OUTPUT_DRAIN_LIMIT = Duration.ofSeconds(2);

    private final Duration killGrace;

    Supervisor(Duration killGrace) {
        if (killGrace.isNegative()) {
            throw new IllegalArgumentException("killGrace must not be negative: " + killGrace);
        }
        this.killGrace = killGrace;
    }

    /** Fails unless the working directory exists; called before a sandbox prepares a launch. */
    static void requireDirectory(SandboxRequest request) {
        Path directory = request.workingDirectory();
        if (!Files.isDirectory(directory)) {
            throw new SandboxException("working directory does not exist or is not a directory: " + directory);
        }
    }

    SandboxResult run(SandboxRequest request, Launch launch) {
        List<StreamCapture> opened = new ArrayList<>(2);
        try {
            opened.add(StreamCapture.open(request.stdoutLog(), request.outputLimitBytes()));
            opened.add(StreamCapture.open(request.stderrLog(), request.outputLimitBytes()));
            return supervise(request, launch, opened.get(0), opened.get(1));
        } finally {
            opened.forEach(StreamCapture::close); // no-op for those already finished
            launch.cgroup().ifPresent(RunCgroup::close);
        }
    }

    private SandboxResult supervise(SandboxRequest request, Launch launch, StreamCapture stdout, StreamCapture stderr) {
        long started = System.nanoTime();
        Process process = start(request, launch);
        ProcessTree tree = new ProcessTree(process.toHandle(), launch.ownSession(), launch.rootIsMonitor());
        LIVE.add(tree);
        closeStdin(process);
        stdout.drain(process.getInputStream(), "sandbox-" + process.pid() + "-stdout");
        stderr.drain(process.getErrorStream(), "sandbox-" + process.pid() + "-stderr");
        boolean treeDestroyed = false;
        try {
            Watch watch = countedByKernel(launch)
                    ? awaitExit(process, request.timeout())
                    : await(process, tree, request.timeout(), launch.limits().processes());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            tree.destroy(killGrace);
            treeDestroyed = true;
            if (KILLED_AT_SHUTDOWN.contains(tree)) {
                throw new SandboxException("the JVM is shutting down: " + request.command() + " was killed unfinished");
            }
            Termination termination = watch.termination(process);
            List<Breach> breaches = breaches(launch, watch, termination);
            breaches.forEach(breach -> stderr.note(breach.describe()));
            long drainDeadline = System.nanoTime() + OUTPUT_DRAIN_LIMIT.toNanos();
            StreamSummary out = stdout.finish(drainDeadline);
            StreamSummary err = stderr.finish(drainDeadline);
            output("stdout", out, request).ifPresent(breaches::add);
            output("stderr", err, request).ifPresent(breaches::add);
            SandboxResult result = new SandboxResult(termination, elapsed, out, err, breaches, unobserved(launch));
            LOG.debugf("pid %d %s after %s", process.pid(), termination.describe(), elapsed);
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while running " + request.command(), e);
        } finally {
            if (!treeDestroyed) {
                tree.kill();
            }
            LIVE.remove(tree);
        }
    }

    private static Process start(SandboxRequest request, Launch launch) {
        ProcessBuilder builder = new ProcessBuilder(launch.argv())
                .directory(request.workingDirectory().toFile());
        builder.environment().clear();
        builder.environment().putAll(launch.environment());
        // names only: values may be secrets the caller passes on purpose
        LOG.debugf(
                "running %s in %s (timeout %s, output limit %d bytes per stream, %s, variables %s)",
                launch.argv(),
                request.workingDirectory(),
                request.timeout(),
                request.outputLimitBytes(),
                launch.limits(),
                launch.environment().keySet());
        Future<Process> started = LAUNCHER.submit(builder::start);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return started.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the process may start anyway: take it, so that it is killed
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new SandboxException("cannot start " + request.command() + ": " + cause.getMessage(), cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How the wait for the main process ended: by itself, at the timeout, or over the process limit. */
    private record Watch(boolean timedOut, Duration timeout, int overLimit) {

        Termination termination(Process process) throws InterruptedException {
            return timedOut ? new Termination.TimedOut(timeout) : new Termination.Exited(process.waitFor());
        }
    }

    /**
     * Whether the watch need not count the run's processes: a pids cgroup refuses every fork past the limit (and counts
     * the refusals, which become the breach), and the root is a monitor whose death kills all the others, so there is
     * no descendant to remember either. Counting means reading every process's {@code /proc} entry at each poll,
     * which many runs at once make a large part of the machine's time.
     */
    private static boolean countedByKernel(Launch launch) {
        return launch.rootIsMonitor()
                && launch.cgroup().isPresent()
                && unobserved(launch).stream().noneMatch(u -> u.limit() == Limit.PROCESSES);
    }

    /** Waits for the main process only; see {@link #countedByKernel}. */
    private static Watch awaitExit(Process process, Duration timeout) throws InterruptedException {
        boolean exited = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return new Watch(!exited, timeout, 0);
    }

    /** Waits for the main process, remembering its descendants and counting them at each poll. */
    private static Watch await(Process process, ProcessTree tree, Duration timeout, int processLimit)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int count = tree.snapshot();
            if (count > processLimit + WRAPPERS) {
                return new Watch(false, timeout, count); // the tree is killed next
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return new Watch(process.isAlive(), timeout, 0);
            }
            if (process.waitFor(Math.min(remaining, POLL_NANOS), TimeUnit.NANOSECONDS)) {
                int left = tree.snapshot(); // what the main process left running counts too
                return new Watch(false, timeout, left > processLimit + WRAPPERS ? left : 0);
            }
        }
    }

    /** The limits the run broke into, whatever it printed: its cgroup's counters, the watch, and SIGXCPU. */
    private static List<Breach> breaches(Launch launch, Watch watch, Termination termination) {
        List<Breach> breaches = new ArrayList<>();
        if (watch.overLimit() > 0) {
            breaches.add(new Breach.ProcessesKilled(launch.limits().processes(), watch.overLimit()));
        }
        launch.cgroup().ifPresent(cgroup -> breaches.addAll(cgroup.breaches()));
        launch.limits().cpuBreach(termination).ifPresent(breaches::add);
        breaches.forEach(breach -> LOG.debugf("run of %s: %s", launch.argv(), breach.describe()));
        return breaches;
    }

    /** The stream's breach of the output limit, when its log had to drop bytes. */
    private static Optional<Breach> output(String stream, StreamSummary summary, SandboxRequest request) {
        return summary.truncated()
                ? Optional.of(new Breach.Output(stream, request.outputLimitBytes(), summary.totalBytes()))
                : Optional.empty();
    }

    private static List<Unobserved> unobserved(Launch launch) {
        List<Unobserved> unobserved = new ArrayList<>(launch.unobserved());
        launch.cgroup().ifPresent(cgroup -> unobserved.addAll(cgroup.unobserved()));
        return unobserved;
    }

    /** The command reads end-of-file from stdin rather than waiting on a terminal that is not there. */
    private static void closeStdin(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            LOG.debugf("could not close stdin of pid %d: %s", process.pid(), e);
        }
    }
}
