package dev.clade.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one sandboxed run.
 *
 * @param termination how the command ended
 * @param elapsed wall-clock time from start until the main process ended, or until its tree was killed
 * @param stdout what was seen on standard output
 * @param stderr what was seen on standard error
 */
public record SandboxResult(Termination termination, Duration elapsed, StreamSummary stdout, StreamSummary stderr) {

    public SandboxResult {
        Objects.requireNonNull(termination, "termination");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /** Whether the command exited by itself with code 0. */
    public boolean succeeded() {
        return termination instanceof Termination.Exited exited && exited.exitCode() == 0;
    }
}
