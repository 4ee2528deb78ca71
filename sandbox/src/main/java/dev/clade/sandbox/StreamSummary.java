package dev.clade.sandbox;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What was seen on one output stream of a command.
 *
 * @param log the file holding the head of the stream (at most the request's output limit), followed, when
 *     the stream ran over, by a line {@code [clade: N bytes omitted]} and the last bytes of the stream, and then by
 *     the sandbox's notes, if any
 * @param totalBytes every byte the command wrote to the stream, kept or not
 * @param truncated whether bytes were dropped from the middle of the log
 * @param tail the last (up to 64 KiB) bytes of the stream decoded as UTF-8, malformed bytes replaced; always
 *     the true end of the stream, even when its middle was dropped; on standard error, followed by the sandbox's
 *     notes on the run, one line {@code [clade: ...]} each (a limit that was hit), which the log ends with too
 */
public record StreamSummary(Path log, long totalBytes, boolean truncated, String tail) {

    public StreamSummary {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(tail, "tail");
        if (totalBytes < 0) {
            throw new IllegalArgumentException("totalBytes must not be negative: " + totalBytes);
        }
    }

    /** The last line of the stream that is not blank, without its line ending; empty if there is none. */
    public Optional<String> lastLine() {
        String[] lines = tail.split("\r?\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return Optional.of(lines[i]);
            }
        }
        return Optional.empty();
    }
}
