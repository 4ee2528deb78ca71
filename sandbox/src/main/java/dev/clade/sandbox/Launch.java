package dev.clade.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request made ready to start by a sandbox, for {@link Supervisor}.
 *
 * @param argv the whole argv: the sandbox's wrappers, then the request's command
 * @param environment the command's whole environment
 * @param ownSession whether the first program calls setsid, so its pid names the session of the run
 * @param rootIsMonitor whether the first program's death kills the rest (bubblewrap's PID namespace): it is then left
 *     out of the SIGTERM round, so that the command gets its grace period
 * @param limits what the run may use; the process limit is also watched from outside
 * @param cgroup the run's cgroup, which the supervisor removes at the end and reads the kernel's counts of breaches from
 * @param unobserved the limits of the run whose breach the sandbox cannot see, besides what the cgroup says of its own
 */
record Launch(
        List<String> argv,
        Map<String, String> environment,
        boolean ownSession,
        boolean rootIsMonitor,
        Limits limits,
        Optional<RunCgroup> cgroup,
        List<Unobserved> unobserved) {

    Launch {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        unobserved = List.copyOf(unobserved);
    }
}
