package dev.clade.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The limits one run gets: the request's {@link Resources}, with {@link Resources#DEFAULT_PROCESSES} when it sets no
 * process limit.
 */
record Limits(int processes, OptionalLong memoryBytes, OptionalLong cpuSeconds) {

    /** SIGXCPU, sent when a process passes its soft CPU-time limit. */
    static final int SIGXCPU = 24;

    static Limits of(Resources resources) {
        return new Limits(
                resources.processes().orElse(Resources.DEFAULT_PROCESSES),
                resources.memoryBytes(),
                resources.cpuSeconds());
    }

    /**
     * The util-linux {@code prlimit} prefix that sets these limits on the command: no core dumps, CPU time per process
     * (SIGXCPU at the limit, SIGKILL a second later), and, where asked, the address space per process and the number
     * of processes of the user (which only bounds the run when it has a user namespace of its own and is not root).
     */
    List<String> prlimit(Path prlimit, boolean addressSpace, boolean userProcesses) {
        List<String> argv = new ArrayList<>(List.of(prlimit.toString(), "--core=0"));
        cpuSeconds.ifPresent(seconds -> argv.add("--cpu=" + seconds + ":" + (seconds + 1)));
        if (addressSpace) {
            memoryBytes.ifPresent(bytes -> argv.add("--as=" + bytes));
        }
        if (userProcesses) {
            argv.add("--nproc=" + processes);
        }
        argv.add("--");
        return argv;
    }

    /**
     * The limits of this run whose breach cannot be (fully) seen, given how they are applied: memory by RLIMIT_AS unless
     * a cgroup counts it; processes by RLIMIT_NPROC ({@code userProcesses}) or by the watch unless a cgroup counts them;
     * CPU time by RLIMIT_CPU; the rlimits only where {@code prlimit} is there to set them.
     */
    List<Unobserved> unobserved(boolean prlimit, boolean memoryCgroup, boolean pidsCgroup, boolean userProcesses) {
        String noPrlimit = "util-linux prlimit not found";
        List<Unobserved> unobserved = new ArrayList<>();
        if (memoryBytes.isPresent() && !memoryCgroup) {
            unobserved.add(prlimit ? Unobserved.addressSpace() : Unobserved.notApplied(Limit.MEMORY, noPrlimit));
        }
        if (!pidsCgroup) {
            unobserved.add(userProcesses ? Unobserved.userProcesses() : Unobserved.watchedProcesses());
        }
        if (cpuSeconds.isPresent()) {
            unobserved.add(prlimit ? Unobserved.cpuTime() : Unobserved.notApplied(Limit.CPU_TIME, noPrlimit));
        }
        return unobserved;
    }

    /** The CPU-time breach, when the main process died of SIGXCPU under a CPU-time limit. */
    Optional<Breach> cpuBreach(Termination termination) {
        if (cpuSeconds.isPresent() && termination.equals(new Termination.Exited(128 + SIGXCPU))) {
            return Optional.of(new Breach.CpuTime(cpuSeconds.getAsLong()));
        }
        return Optional.empty();
    }

    /** {@code 1 GiB}, {@code 64 MiB}, {@code 8 KiB}, else {@code 1000 bytes}: the largest unit that divides it. */
    static String size(long bytes) {
        List<String> units = List.of("KiB", "MiB", "GiB");
        for (int power = units.size(); power >= 1; power--) {
            long unit = 1L << (10 * power);
            if (bytes % unit == 0) {
                return bytes / unit + " " + units.get(power - 1);
            }
        }
        return bytes + " bytes";
    }
}
