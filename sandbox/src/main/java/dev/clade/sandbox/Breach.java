package dev.clade.sandbox;

import java.util.Objects;

/**
 * A limit a run ran into, as the sandbox saw it from outside the command: from the kernel's counters (the run's
 * cgroup), from how the main process ended, or from its own watch and capture. Never read from what the command
 * printed. {@link #describe()} is the line the sandbox also adds to the stderr log ({@code [clade: ...]}), except for
 * {@link Output}, whose log marks the cut itself.
 */
public sealed interface Breach
        permits Breach.Memory, Breach.ForksRefused, Breach.ProcessesKilled, Breach.CpuTime, Breach.Output {

    /** Which limit was breached. */
    Limit limit();

    /** What happened, naming the limit, e.g. "the memory limit of 1 GiB was reached; the kernel killed 1 process". */
    String describe();

    /**
     * Whether the breach stopped part of the command (a process killed, a fork refused), so that whatever it reported
     * afterwards does not describe a whole run. False only for {@link Output}: the command wrote all it wanted, and only
     * its log was cut.
     */
    default boolean stoppedWork() {
        return true;
    }

    /** The kernel killed processes of the run out of memory: the run's cgroup counted {@code killed} OOM kills. */
    record Memory(long limitBytes, long killed) implements Breach {

        public Memory {
            positive(killed, "killed");
        }

        @Override
        public Limit limit() {
            return Limit.MEMORY;
        }

        @Override
        public String describe() {
            return "the memory limit of " + Limits.size(limitBytes) + " was reached; the kernel killed "
                    + count(killed, "process", "processes") + " out of memory";
        }
    }

    /** The kernel refused {@code refused} forks at the run's cgroup's {@code pids.max}. */
    record ForksRefused(int processLimit, long refused) implements Breach {

        public ForksRefused {
            positive(refused, "refused");
        }

        @Override
        public Limit limit() {
            return Limit.PROCESSES;
        }

        @Override
        public String describe() {
            return "the process limit of " + processLimit + " was reached; the kernel refused "
                    + count(refused, "fork", "forks");
        }
    }

    /** The sandbox's watch counted {@code running} processes, over the limit, and killed the run. */
    record ProcessesKilled(int processLimit, int running) implements Breach {

        @Override
        public Limit limit() {
            return Limit.PROCESSES;
        }

        @Override
        public String describe() {
            return running + " processes were running, over the process limit of " + processLimit
                    + "; all of them were killed";
        }
    }

    /** The main process died of SIGXCPU at its CPU-time limit. */
    record CpuTime(long seconds) implements Breach {

        @Override
        public Limit limit() {
            return Limit.CPU_TIME;
        }

        @Override
        public String describe() {
            return "the CPU-time limit of " + seconds + "s per process was reached (SIGXCPU)";
        }
    }

    /** One stream ran past the output limit: its log keeps the head and the end, the middle was dropped. */
    record Output(String stream, long limitBytes, long totalBytes) implements Breach {

        public Output {
            Objects.requireNonNull(stream, "stream");
        }

        @Override
        public Limit limit() {
            return Limit.OUTPUT;
        }

        @Override
        public String describe() {
            return stream + " ran past the output limit of " + Limits.size(limitBytes) + " (" + totalBytes
                    + " bytes written); its log keeps the head and the end";
        }

        @Override
        public boolean stoppedWork() {
            return false;
        }
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
