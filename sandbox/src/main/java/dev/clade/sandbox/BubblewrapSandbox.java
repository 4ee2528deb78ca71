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
 * Runs each command in bubblewrap ({@code bwrap}), supervised as {@link ProcessSandbox} does (own session, whole tree
 * killed at the timeout, capped output, scrubbed environment), and isolated:
 *
 * <ul>
 *   <li>own user (no capabilities), PID, IPC, UTS, cgroup and mount namespaces, and a network namespace with only
 *       loopback unless {@link Isolation#network()}; with {@code --die-with-parent}, every process of a run dies
 *       with it, and with Clade, even when the JVM is killed with SIGKILL;
 *   <li>the root filesystem read-only, a private {@code /tmp} and {@code /dev}; writable only the working directory
 *       and {@link Isolation#writable()}; the host's home and {@link Isolation#hidden()} replaced by an empty
 *       read-only tmpfs (see {@link BubblewrapArguments});
 *   <li>{@link Resources} limits, with {@link Resources#DEFAULT_PROCESSES} when none is set: processes by a cgroup of
 *       its own, else by RLIMIT_NPROC in its own user namespace (not for root), else watched from outside; memory by
 *       a cgroup (all processes together), else RLIMIT_AS per process; CPU time by RLIMIT_CPU per process.
 * </ul>
 *
 * <p>What this host cannot give is found once (bwrap is run to check), logged once, listed in {@link #features()} and
 * said in {@link #isolation()}. A {@link Isolation#strict() strict} request that needs a missing feature is {@link
 * Termination.Refused}; any other runs with what there is (where bwrap does not work at all, as {@link
 * ProcessSandbox} would run it).
 */
public final class BubblewrapSandbox implements Sandbox {

    private static final Logger LOG = Logger.getLogger(BubblewrapSandbox.class);

    private final EnvironmentPolicy environmentPolicy;
    private final Map<String, String> hostEnvironment;
    private final Supervisor supervisor;
    private final ProcessSandbox fallback;
    private final BubblewrapHost host;
    private final Cgroups cgroups;
    private final Optional<Path> setsid = HostTools.find("setsid");
    private final Optional<Path> prlimit = HostTools.find("prlimit");
    private final Optional<Path> choom = HostTools.find("choom");
    private final Optional<Path> home;
    private final List<Path> readOnly;
    private final List<Feature> features;

    public BubblewrapSandbox() {
        this(EnvironmentPolicy.defaults(), ProcessSandbox.DEFAULT_KILL_GRACE);
    }

    /**
     * @param environmentPolicy which host variables commands inherit
     * @param killGrace how long a tree gets between SIGTERM and SIGKILL; zero kills at once
     */
    public BubblewrapSandbox(EnvironmentPolicy environmentPolicy, Duration killGrace) {
        this(environmentPolicy, killGrace, List.of());
    }

    /**
     * @param environmentPolicy which host variables commands inherit
     * @param killGrace how long a tree gets between SIGTERM and SIGKILL; zero kills at once
     * @param readOnly folders commands may read even inside the home, a hidden folder or {@code /tmp}, e.g. a
     *     toolchain installed under the home ({@code ~/.pyenv}); never writable through this list
     */
    public BubblewrapSandbox(EnvironmentPolicy environmentPolicy, Duration killGrace, List<Path> readOnly) {
        this(environmentPolicy, killGrace, readOnly, System.getenv(), BubblewrapHost.probe(), Cgroups.host());
    }

    /** For tests: a fake host environment, and a host as probed elsewhere (a fake bwrap, no cgroups). */
    BubblewrapSandbox(
            EnvironmentPolicy environmentPolicy,
            Duration killGrace,
            List<Path> readOnly,
            Map<String, String> hostEnvironment,
            BubblewrapHost host,
            Cgroups cgroups) {
        this.environmentPolicy = Objects.requireNonNull(environmentPolicy, "environmentPolicy");
        this.readOnly = List.copyOf(readOnly);
        this.hostEnvironment = Map.copyOf(hostEnvironment);
        this.supervisor = new Supervisor(Objects.requireNonNull(killGrace, "killGrace"));
        this.fallback = new ProcessSandbox(environmentPolicy, killGrace, hostEnvironment, ProcessSandbox.findSetsid());
        this.host = Objects.requireNonNull(host, "host");
        this.cgroups = Objects.requireNonNull(cgroups, "cgroups");
        this.home = Optional.ofNullable(System.getProperty("user.home")).map(Path::of);
        this.features = BubblewrapFeatures.of(host, cgroups, prlimit, choom);
        Feature.reportOnce(LOG, isolation(), features, true);
    }

    /** Whether bubblewrap works on this host, so that commands run isolated. */
    public boolean isolates() {
        return host.usable();
    }

    /** What this sandbox applies on this host, and what it cannot. */
    public List<Feature> features() {
        return features;
    }

    @Override
    public String isolation() {
        String how = host.usable()
                ? "bubblewrap; own session, whole tree killed at timeout and exit; environment scrubbed to an"
                        + " allowlist; output capped per stream; "
                : "bubblewrap does not work here, so commands run as ProcessSandbox runs them; ";
        return how + Feature.summary(features);
    }

    @Override
    public SandboxResult run(SandboxRequest request) {
        Supervisor.requireDirectory(request);
        Optional<SandboxResult> refused = Refusal.refuse(request, features, LOG);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!host.usable()) {
            return fallback.run(request);
        }
        Limits limits = Limits.of(request.resources());
        Optional<RunCgroup> cgroup = cgroups.has(Cgroups.PIDS) || cgroups.has(Cgroups.MEMORY)
                ? Optional.of(cgroups.create(limits))
                : Optional.empty();
        try {
            return supervisor.run(request, launch(request, limits, cgroup));
        } catch (RuntimeException e) {
            cgroup.ifPresent(RunCgroup::close);
            throw e;
        }
    }

    private Launch launch(SandboxRequest request, Limits limits, Optional<RunCgroup> cgroup) {
        List<String> argv = new ArrayList<>();
        setsid.ifPresent(path -> argv.addAll(List.of(path.toString(), "--")));
        cgroup.ifPresent(group -> argv.addAll(group.joinPrefix()));
        argv.addAll(BubblewrapArguments.of(host.bwrap().orElseThrow(), request, host, home, readOnly));
        choom.ifPresent(path -> argv.addAll(List.of(path.toString(), "-n", "1000", "--")));
        boolean memoryCgroup = cgroups.has(Cgroups.MEMORY);
        // where a cgroup limits processes, RLIMIT_NPROC would refuse forks before it, and uncounted
        boolean userProcesses = BubblewrapFeatures.userProcessLimit(host, prlimit) && !cgroups.has(Cgroups.PIDS);
        prlimit.ifPresent(path -> argv.addAll(limits.prlimit(path, !memoryCgroup, userProcesses)));
        argv.addAll(request.command());
        Map<String, String> environment = new TreeMap<>(environmentPolicy.filter(hostEnvironment));
        environment.putAll(request.environment());
        List<Unobserved> unobserved =
                limits.unobserved(prlimit.isPresent(), memoryCgroup, cgroups.has(Cgroups.PIDS), userProcesses);
        return new Launch(argv, environment, setsid.isPresent(), true, limits, cgroup, unobserved);
    }
}
