package dev.clade.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one sandboxed run.
 *
 * @param termination how the command ended
 * @param elapsed wall-clock time from start until the main process ended, or until its tree was killed
 * @param stdout what was seen on standard output
 * @param stderr what was seen on standard error
 * @param breaches the limits the run ran into, as the sandbox saw them (kernel counters, the main process's death, its
 *     own watch and capture), whatever the command printed; empty when it saw none
 * @param unobserved the limits of this run whose breach the sandbox could not have seen here: an empty {@code
 *     breaches} says nothing about them
 */
public record SandboxResult(
        Termination termination,
        Duration elapsed,
        StreamSummary stdout,
        StreamSummary stderr,
        List<Breach> breaches,
        List<Unobserved> unobserved) {

    public SandboxResult {
        Objects.requireNonNull(termination, "termination");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        breaches = List.copyOf(breaches);
        unobserved = List.copyOf(unobserved);
    }

    /** A result with no breach seen and nothing said of what could be: a run refused, or one a backend only reports. */
    public SandboxResult(Termination termination, Duration elapsed, StreamSummary stdout, StreamSummary stderr) {
        this(termination, elapsed, stdout, stderr, List.of(), List.of());
    }

    /** Whether the command exited by itself with code 0; it may still have breached a limit (see {@link #breaches}). */
    public boolean succeeded() {
        return termination instanceof Termination.Exited exited && exited.exitCode() == 0;
    }
}
