package dev.clade.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** A note for the log when the main process died of SIGXCPU. */
    List<String> notesFor(Termination termination) {
        if (cpuSeconds.isPresent() && termination.equals(new Termination.Exited(128 + SIGXCPU))) {
            return List.of("the CPU-time limit of " + cpuSeconds.getAsLong() + "s per process was reached (SIGXCPU)");
        }
        return List.of();
    }

    static String mebibytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }
}
