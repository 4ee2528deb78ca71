package dev.clade.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The features {@link BubblewrapSandbox} applies on a host, from what was found there. */
final class BubblewrapFeatures {

    static final String PID = "PID isolation";
    static final String USER_NAMESPACE = "user namespace";
    static final String OOM = "OOM-killer preference";

    private BubblewrapFeatures() {}

    static List<Feature> of(BubblewrapHost host, Cgroups cgroups, Optional<Path> prlimit, Optional<Path> choom) {
        List<Feature> features = new ArrayList<>();
        String noBwrap = host.problem().orElse("bubblewrap does not work here");
        if (host.usable()) {
            features.add(Feature.applied(
                    Feature.FILESYSTEM,
                    host.version() + ": root read-only; writable only the working directory, the request's writable"
                            + " folders and a private /tmp; the home and hidden folders replaced by empty read-only"
                            + " tmpfs"));
            features.add(Feature.applied(Feature.NETWORK, "own network namespace, loopback only, unless requested"));
            features.add(Feature.applied(PID, "own PID namespace; every process dies with the run and with Clade"));
        } else {
            features.add(Feature.missing(Feature.FILESYSTEM, noBwrap));
            features.add(Feature.missing(Feature.NETWORK, noBwrap));
            features.add(Feature.missing(PID, noBwrap));
        }
        features.add(
                host.userNamespace()
                        ? Feature.applied(
                                USER_NAMESPACE,
                                host.root() ? "runs as uid 65534 mapped to root, no capabilities" : "no capabilities")
                        : Feature.missing(USER_NAMESPACE, host.problem().orElse(noBwrap)));
        features.add(processes(host, cgroups, prlimit));
        features.add(memory(host, cgroups, prlimit));
        features.add(
                prlimit.isPresent()
                        ? Feature.applied(
                                Feature.CPU_TIME, "RLIMIT_CPU per process, breaches seen only in the main process")
                        : Feature.missing(Feature.CPU_TIME, "util-linux prlimit not found"));
        features.add(
                host.usable() && choom.isPresent()
                        ? Feature.applied(OOM, "oom_score_adj 1000: the kernel kills the command before Clade")
                        : Feature.missing(OOM, host.usable() ? "util-linux choom not found" : noBwrap));
        return List.copyOf(features);
    }

    /** Whether runs get RLIMIT_NPROC: only bounds a run in its own user namespace, and never binds root. */
    static boolean userProcessLimit(BubblewrapHost host, Optional<Path> prlimit) {
        return host.usable() && host.userNamespace() && !host.root() && prlimit.isPresent();
    }

    private static Feature processes(BubblewrapHost host, Cgroups cgroups, Optional<Path> prlimit) {
        if (host.usable() && cgroups.has(Cgroups.PIDS)) {
            return Feature.applied(Feature.PROCESSES, cgroups.describe(Cgroups.PIDS));
        }
        if (userProcessLimit(host, prlimit)) {
            return Feature.applied(
                    Feature.PROCESSES, "RLIMIT_NPROC in the run's own user namespace, breaches not seen");
        }
        String why = !host.usable()
                ? "bubblewrap does not work here"
                : host.root()
                        ? "Clade runs as root, where RLIMIT_NPROC does not apply, and " + cgroups.describe(Cgroups.PIDS)
                        : "no user namespace for RLIMIT_NPROC, and " + cgroups.describe(Cgroups.PIDS);
        return Feature.applied(Feature.PROCESSES, "only watched every 100 ms, the run killed when over, since " + why);
    }

    private static Feature memory(BubblewrapHost host, Cgroups cgroups, Optional<Path> prlimit) {
        if (host.usable() && cgroups.has(Cgroups.MEMORY)) {
            return Feature.applied(Feature.MEMORY, cgroups.describe(Cgroups.MEMORY) + ", all processes together");
        }
        String why = host.usable() ? cgroups.describe(Cgroups.MEMORY) : "bubblewrap does not work here";
        return prlimit.isPresent()
                ? Feature.applied(
                        Feature.MEMORY, "RLIMIT_AS per process (address space), since " + why + ", breaches not seen")
                : Feature.missing(Feature.MEMORY, "util-linux prlimit not found, and " + why);
    }
}
