package dev.clade.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Runs commands as local processes, each in its own session and process group (through {@code setsid}),
 * with a scrubbed environment, capped output and a hard timeout that kills the whole process tree. Every
 * process of a run is killed before {@link #run} returns, including background leftovers of a command
 * that exited normally. There is no filesystem, network or PID isolation: that takes {@link BubblewrapSandbox}.
 * Requested memory and CPU-time limits are applied per process through util-linux {@code prlimit}; the process
 * limit is watched from outside (polled, so a fork bomb may overshoot it briefly before the run is killed). A
 * {@link Isolation#strict() strict} request is refused, since it needs the isolation this sandbox lacks.
 *
 * <p>A program that cannot be executed is an {@code Exited(127)} or {@code Exited(126)} result, as from a
 * shell, because setsid reports it; where setsid is missing it is a {@link SandboxException}.
 */
public final class ProcessSandbox implements Sandbox {

    /** How long a process tree gets between SIGTERM and SIGKILL. */
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(2);

    private static final Logger LOG = Logger.getLogger(ProcessSandbox.class);

    private final EnvironmentPolicy environmentPolicy;
    private final Supervisor supervisor;
    private final Map<String, String> hostEnvironment;
    private final Optional<Path> setsid;
    private final Optional<Path> prlimit;
    private final List<Feature> features;

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
        this.supervisor = new Supervisor(Objects.requireNonNull(killGrace, "killGrace"));
        this.hostEnvironment = Map.copyOf(hostEnvironment);
        this.setsid = Objects.requireNonNull(setsid, "setsid");
        this.prlimit = HostTools.find("prlimit");
        this.features = features(prlimit);
    }

    private static List<Feature> features(Optional<Path> prlimit) {
        String why = "bubblewrap is not used by ProcessSandbox";
        String noPrlimit = "util-linux prlimit not found";
        return List.of(
                Feature.missing(Feature.FILESYSTEM, why),
                Feature.missing(Feature.NETWORK, why),
                Feature.applied(Feature.PROCESSES, "watched every 100 ms, the run killed when over"),
                prlimit.isPresent()
                        ? Feature.applied(Feature.MEMORY, "RLIMIT_AS per process (address space), breaches not seen")
                        : Feature.missing(Feature.MEMORY, noPrlimit),
                prlimit.isPresent()
                        ? Feature.applied(
                                Feature.CPU_TIME, "RLIMIT_CPU per process, breaches seen only in the main process")
                        : Feature.missing(Feature.CPU_TIME, noPrlimit));
    }

    /** What this sandbox applies on this host, and what it cannot. */
    public List<Feature> features() {
        return features;
    }

    @Override
    public String isolation() {
        String tree = setsid.isPresent()
                ? "own session and process group via setsid, whole tree killed at timeout and exit"
                : "no process group (setsid not found), only descendants seen while running are killed";
        return tree + "; environment scrubbed to an allowlist; output capped per stream;"
                + " no filesystem, network or PID isolation (bubblewrap not used); " + Feature.summary(features);
    }

    @Override
    public SandboxResult run(SandboxRequest request) {
        Feature.reportOnce(LOG, isolation(), features, false);
        Supervisor.requireDirectory(request);
        Optional<SandboxResult> refused = Refusal.refuse(request, features, LOG);
        if (refused.isPresent()) {
            return refused.get();
        }
        Limits limits = Limits.of(request.resources());
        List<String> argv = new ArrayList<>();
        setsid.ifPresent(path -> argv.addAll(List.of(path.toString(), "--")));
        boolean limited =
                limits.memoryBytes().isPresent() || limits.cpuSeconds().isPresent();
        prlimit.filter(path -> limited).ifPresent(path -> argv.addAll(limits.prlimit(path, true, false)));
        argv.addAll(request.command());
        Map<String, String> environment = new TreeMap<>(environmentPolicy.filter(hostEnvironment));
        environment.putAll(request.environment());
        List<Unobserved> unobserved = limits.unobserved(prlimit.isPresent(), false, false, false);
        return supervisor.run(
                request,
                new Launch(argv, environment, setsid.isPresent(), false, limits, Optional.empty(), unobserved));
    }

    /** Where util-linux {@code setsid} is installed, if it is. */
    static Optional<Path> findSetsid() {
        return HostTools.find("setsid");
    }
}
