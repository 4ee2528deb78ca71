package dev.clade.sandbox;

import java.util.Objects;

/**
 * A limit a run was under whose breach the sandbox cannot (always) see on this host, and why: the mechanism that applies
 * it leaves nothing to read afterwards (a refused allocation under RLIMIT_AS, a child's SIGXCPU), is only polled, or is
 * not there at all. A run with such a limit may have breached it without a {@link Breach} saying so.
 */
public record Unobserved(Limit limit, String why) {

    public Unobserved {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(why, "why");
    }

    /** Memory limited by RLIMIT_AS: an allocation past it fails, and nothing counts that. */
    static Unobserved addressSpace() {
        return new Unobserved(
                Limit.MEMORY,
                "RLIMIT_AS refuses an allocation past it, and nothing counts that; a memory cgroup would");
    }

    /** Processes limited by RLIMIT_NPROC: a fork past it fails, and nothing counts that. */
    static Unobserved userProcesses() {
        return new Unobserved(
                Limit.PROCESSES, "RLIMIT_NPROC refuses a fork past it, and nothing counts that; a pids cgroup would");
    }

    /** Processes only counted by the sandbox's watch, which looks every 100 ms. */
    static Unobserved watchedProcesses() {
        return new Unobserved(
                Limit.PROCESSES,
                "only counted every 100 ms: processes that start and end between two counts are not seen");
    }

    /** CPU time limited by RLIMIT_CPU: only the main process's own death by SIGXCPU is seen. */
    static Unobserved cpuTime() {
        return new Unobserved(
                Limit.CPU_TIME, "RLIMIT_CPU is seen only when it kills the main process; a child's SIGXCPU is not");
    }

    /** A limit that was asked for but is not applied here, so nothing can be seen of it either. */
    static Unobserved notApplied(Limit limit, String why) {
        return new Unobserved(limit, "not applied: " + why);
    }

    /** E.g. "memory limit: a breach may go unseen: RLIMIT_AS refuses an allocation past it, ...". */
    public String describe() {
        return limit.label() + ": a breach may go unseen: " + why;
    }
}
