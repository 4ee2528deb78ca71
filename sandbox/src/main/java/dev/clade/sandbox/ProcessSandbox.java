package dev.clade.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs commands as local processes, each in its own session and process group (through {@code setsid}),
 * with a scrubbed environment, capped output and a hard timeout that kills the whole process tree. Every
 * process of a run is killed before {@link #run} returns, including background leftovers of a command
 * that exited normally. There is no filesystem, network, memory or CPU isolation.
 *
 * <p>A program that cannot be executed is an {@code Exited(127)} or {@code Exited(126)} result, as from a
 * shell, because setsid reports it; where setsid is missing it is a {@link SandboxException}.
 */
public final class ProcessSandbox implements Sandbox {

    /**
     * Trees of the runs in flight in this JVM. When the JVM exits normally or on SIGINT/SIGTERM, a shutdown hook kills
     * them, since they live in sessions of their own and would not get the terminal's signal. (A JVM killed with
     * SIGKILL runs no hook; its runs finish or time out on their own.)
     */
    private static final Set<ProcessTree> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ProcessTree::kill), "sandbox-shutdown"));
    }

    /** How long a process tree gets between SIGTERM and SIGKILL. */
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(2);

    private static final Logger LOG = Logger.getLogger(ProcessSandbox.class);
    private static final List<Path> SETSID_LOCATIONS = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How long to wait for a pipe that an escaped process still holds open once the tree is dead. */
    private static final Duration OUTPUT_DRAIN_LIMIT = Duration.ofSeconds(2);

    private final EnvironmentPolicy environmentPolicy;
    private final Duration killGrace;
    private final Map<String, String> hostEnvironment;
    private final Optional<Path> setsid;

    public ProcessSandbox() {
        this(EnvironmentPolicy.defaults(), DEFAULT_KILL_GRACE);
    }

    /**
     * @param environmentPolicy which host variables commands inherit
     * @param killGrace how long a tree gets between SIGTERM and SIGKILL; zero kills at once
     */
    public ProcessSandbox(EnvironmentPolicy environmentPolicy, Duration killGrace) {
        this(environmentPolicy, killGrace, System.getenv(), findSetsid());
    }

    /** For tests: a fake host environment, and {@code setsid} left out to try the fallback. */
    ProcessSandbox(
            EnvironmentPolicy environmentPolicy,
            Duration killGrace,
            Map<String, String> hostEnvironment,
            Optional<Path> setsid) {
        this.environmentPolicy = Objects.requireNonNull(environmentPolicy, "environmentPolicy");
        this.killGrace = Objects.requireNonNull(killGrace, "killGrace");
        if (killGrace.isNegative()) {
            throw new IllegalArgumentException("killGrace must not be negative: " + killGrace);
        }
        this.hostEnvironment = Map.copyOf(hostEnvironment);
        this.setsid = Objects.requireNonNull(setsid, "setsid");
    }

    @Override
    public String isolation() {
        String tree = setsid.isPresent()
                ? "own session and process group via setsid, whole tree killed at timeout and exit"
                : "no process group (setsid not found), only descendants seen while running are killed";
        return tree + "; environment scrubbed to an allowlist; output capped per stream;"
                + " no filesystem, network, memory or CPU isolation";
    }

    @Override
    public SandboxResult run(SandboxRequest request) {
        Path directory = request.workingDirectory();
        if (!Files.isDirectory(directory)) {
            throw new SandboxException("working directory does not exist or is not a directory: " + directory);
        }
        List<StreamCapture> opened = new ArrayList<>(2);
        try {
            opened.add(StreamCapture.open(request.stdoutLog(), request.outputLimitBytes()));
            opened.add(StreamCapture.open(request.stderrLog(), request.outputLimitBytes()));
            return supervise(request, opened.get(0), opened.get(1));
        } finally {
            opened.forEach(StreamCapture::close); // no-op for those already finished
        }
    }

    private SandboxResult supervise(SandboxRequest request, StreamCapture stdout, StreamCapture stderr) {
        long started = System.nanoTime();
        Process process = start(request);
        ProcessTree tree = new ProcessTree(process.toHandle(), setsid.isPresent());
        LIVE.add(tree);
        closeStdin(process);
        stdout.drain(process.getInputStream(), "sandbox-" + process.pid() + "-stdout");
        stderr.drain(process.getErrorStream(), "sandbox-" + process.pid() + "-stderr");
        boolean treeDestroyed = false;
        try {
            Termination termination = await(process, tree, request.timeout());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            tree.destroy(killGrace);
            treeDestroyed = true;
            long drainDeadline = System.nanoTime() + OUTPUT_DRAIN_LIMIT.toNanos();
            SandboxResult result =
                    new SandboxResult(termination, elapsed, stdout.finish(drainDeadline), stderr.finish(drainDeadline));
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

    private Process start(SandboxRequest request) {
        List<String> argv = new ArrayList<>();
        setsid.ifPresent(path -> argv.addAll(List.of(path.toString(), "--")));
        argv.addAll(request.command());
        ProcessBuilder builder =
                new ProcessBuilder(argv).directory(request.workingDirectory().toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(environmentPolicy.filter(hostEnvironment));
        environment.putAll(request.environment());
        // names only: values may be secrets the caller passes on purpose
        LOG.debugf(
                "running %s in %s (timeout %s, output limit %d bytes per stream, variables %s)",
                request.command(),
                request.workingDirectory(),
                request.timeout(),
                request.outputLimitBytes(),
                environment.keySet());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new SandboxException("cannot start " + request.command() + ": " + e.getMessage(), e);
        }
    }

    /** Waits for the main process, remembering its descendants at each poll; TimedOut at the deadline. */
    private static Termination await(Process process, ProcessTree tree, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            tree.snapshot();
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return process.isAlive()
                        ? new Termination.TimedOut(timeout)
                        : new Termination.Exited(process.exitValue());
            }
            if (process.waitFor(Math.min(remaining, POLL_NANOS), TimeUnit.NANOSECONDS)) {
                return new Termination.Exited(process.exitValue());
            }
        }
    }

    /** The command reads end-of-file from stdin rather than waiting on a terminal that is not there. */
    private static void closeStdin(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            LOG.debugf("could not close stdin of pid %d: %s", process.pid(), e);
        }
    }

    /** Where util-linux {@code setsid} is installed, if it is. */
    static Optional<Path> findSetsid() {
        return SETSID_LOCATIONS.stream().filter(Files::isExecutable).findFirst();
    }
}
