package dev.clade.sandbox.job;

import dev.clade.sandbox.SandboxException;
import dev.clade.sandbox.SandboxRequest;
import dev.clade.sandbox.SandboxResult;
import dev.clade.sandbox.StreamSummary;
import dev.clade.sandbox.Termination;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Results for requests a backend will not run. */
final class Refusals {

    private Refusals() {}

    /**
     * A {@link Termination.Refused} result; the request's logs are created empty, so a reader finds them as after any
     * other run.
     *
     * @throws SandboxException if a log cannot be written
     */
    static SandboxResult refused(SandboxRequest request, String reason) {
        return new SandboxResult(
                new Termination.Refused(reason),
                Duration.ZERO,
                emptyLog(request.stdoutLog()),
                emptyLog(request.stderrLog()));
    }

    /** Creates (or empties) a log file and its parent folders. */
    static StreamSummary emptyLog(Path log) {
        try {
            Path parent = log.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(log, new byte[0]);
            return new StreamSummary(log, 0, false, "");
        } catch (IOException e) {
            throw new SandboxException("cannot write log file " + log + ": " + e, e);
        }
    }
}
