package dev.clade.sandbox.job;

import dev.clade.sandbox.Termination;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code scontrol show job -o <id>} says about a job.
 *
 * @param state the base state, e.g. {@code PENDING}, {@code RUNNING}, {@code COMPLETED}, {@code NODE_FAIL}
 * @param reason why it is pending or ended as it did, e.g. {@code Resources}, {@code NonZeroExitCode}; {@code None}
 * @param exitCode the batch script's exit code (the {@code N} of {@code ExitCode=N:S})
 * @param signal the signal that killed it, 0 for none (the {@code S} of {@code ExitCode=N:S})
 */
record SlurmJobState(String state, String reason, int exitCode, int signal) {

    /** States a job does not leave: it ran, or will never run, to an end. */
    static final Set<String> FINAL = Set.of(
            "COMPLETED",
            "FAILED",
            "CANCELLED",
            "TIMEOUT",
            "OUT_OF_MEMORY",
            "NODE_FAIL",
            "BOOT_FAIL",
            "PREEMPTED",
            "DEADLINE",
            "REVOKED",
            "SPECIAL_EXIT");

    /** States in which the command has not started (yet, or again). */
    private static final Set<String> WAITING =
            Set.of("PENDING", "CONFIGURING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESV_DEL_HOLD");

    private static final Pattern STATE = Pattern.compile("(?:^|\\s)JobState=(\\S+)");
    private static final Pattern REASON = Pattern.compile("(?:^|\\s)Reason=(\\S+)");
    private static final Pattern EXIT_CODE = Pattern.compile("(?:^|\\s)ExitCode=(\\d+):(\\d+)");

    SlurmJobState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Reads the first job of {@code scontrol show job -o} output (one line per job, {@code Key=Value} fields).
     * Empty when the text holds no {@code JobState}.
     */
    static Optional<SlurmJobState> parse(String scontrolOutput) {
        Matcher state = STATE.matcher(scontrolOutput);
        if (!state.find()) {
            return Optional.empty();
        }
        Matcher reason = REASON.matcher(scontrolOutput);
        Matcher exit = EXIT_CODE.matcher(scontrolOutput);
        boolean hasExit = exit.find();
        return Optional.of(new SlurmJobState(
                state.group(1),
                reason.find() ? reason.group(1) : "None",
                hasExit ? Integer.parseInt(exit.group(1)) : 0,
                hasExit ? Integer.parseInt(exit.group(2)) : 0));
    }

    /** Whether the job has reached an end. */
    boolean finished() {
        return FINAL.contains(state);
    }

    /** Whether the command has started: the job is past pending (running, completing, suspended, ended). */
    boolean started() {
        return !WAITING.contains(state);
    }

    /**
     * How a finished job ended, for a job Clade did not cancel itself: its exit code, {@code 128 + signal} for a
     * death by signal, {@code TimedOut} at Slurm's own time limit, and {@code Lost} when Slurm or someone else ended
     * it (node failure, preemption, {@code scancel} from outside): nothing then says how the command would have
     * ended, and running it again may succeed.
     *
     * @param jobId the job's id, named in a {@code Lost} reason
     * @param timeout the request's timeout, reported when Slurm's time limit ended the job
     */
    Termination termination(String jobId, Duration timeout) {
        return switch (state) {
            case "COMPLETED", "FAILED" ->
                exited().orElseGet(() -> lost(jobId, "ended " + state + " without an exit code"));
            case "OUT_OF_MEMORY" -> exited().orElse(new Termination.Exited(128 + 9));
            case "TIMEOUT" -> new Termination.TimedOut(timeout);
            case "CANCELLED" -> lost(jobId, "was cancelled outside Clade (scancel or an administrator)");
            default -> lost(jobId, "ended " + state);
        };
    }

    private Optional<Termination> exited() {
        if (signal > 0) {
            return Optional.of(new Termination.Exited(128 + signal));
        }
        if (exitCode == 0 && !state.equals("COMPLETED")) {
            return Optional.empty();
        }
        return Optional.of(new Termination.Exited(exitCode));
    }

    private Termination lost(String jobId, String what) {
        return new Termination.Lost(
                "Slurm job " + jobId + " " + what + " (JobState=" + state + ", Reason=" + reason + ")");
    }

    @Override
    public String toString() {
        return state + " (Reason=" + reason + ", ExitCode=" + exitCode + ":" + signal + ")";
    }
}
