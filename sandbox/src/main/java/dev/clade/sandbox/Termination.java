package dev.clade.sandbox;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** How a sandboxed command ended. */
public sealed interface Termination
        permits Termination.Exited, Termination.TimedOut, Termination.Lost, Termination.Refused {

    /** Human-readable reason, e.g. "exited with code 3" or "timed out after 30s; process group killed". */
    String describe();

    /**
     * The main process ended by itself. A death by signal reads as {@code 128 + signal}, as shells report
     * it (137 for SIGKILL); a program that cannot be found or executed reads as 127 or 126.
     */
    record Exited(int exitCode) implements Termination {

        @Override
        public String describe() {
            if (exitCode > 128 && exitCode <= 128 + 64) {
                return "exited with code " + exitCode + " (signal " + (exitCode - 128) + ")";
            }
            return "exited with code " + exitCode;
        }
    }

    /** The command ran past its timeout; its whole process tree was killed. */
    record TimedOut(Duration after) implements Termination {

        public TimedOut {
            Objects.requireNonNull(after, "after");
            if (after.isNegative()) {
                throw new IllegalArgumentException("after must not be negative: " + after);
            }
        }

        @Override
        public String describe() {
            return "timed out after " + format(after) + "; process group killed";
        }

        /** {@code PT1M30S} reads as {@code 1m30s}. */
        private static String format(Duration duration) {
            return duration.toString().substring(2).toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A job backend lost the job (its node went away, the scheduler forgot it): nothing is known of how the command
     * ended, and running it again may well succeed.
     */
    record Lost(String reason) implements Termination {

        public Lost {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String describe() {
            return "lost by the job backend: " + reason + " (the evaluation can be retried)";
        }
    }

    /**
     * The sandbox would not run the command: a required isolation feature is missing on this host ({@link
     * Isolation#strict()}), or the request asks for what the backend cannot give (more GPUs than exist).
     */
    record Refused(String reason) implements Termination {

        public Refused {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String describe() {
            return "refused to run: " + reason;
        }
    }
}
