package dev.clade.sandbox;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Drains one output stream of a command on its own thread. The log gets at most {@code limit} bytes of the
 * head; the rest is counted and dropped, keeping only the last {@link #TAIL_BYTES}, which are appended to
 * the log after a {@code [clade: N bytes omitted]} line when the stream ends. Notes the sandbox adds about the run
 * (a limit that was hit) follow as {@code [clade: ...]} lines, in the log and at the end of the summary's tail. Once
 * {@link #finish} or {@link #close} has run, the log is never written again, even if the stream is still open.
 */
final class StreamCapture {

    static final int TAIL_BYTES = 64 * 1024;
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(StreamCapture.class);

    private final Path logPath;
    private final OutputStream log;
    private final long limit;
    private final TailBuffer tail = new TailBuffer(TAIL_BYTES);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final StringBuilder notes = new StringBuilder();
    private long totalBytes;
    private long keptBytes;
    private boolean truncated;
    private boolean closed;
    private IOException writeFailure;

    private StreamCapture(Path logPath, OutputStream log, long limit) {
        this.logPath = logPath;
        this.log = log;
        this.limit = limit;
    }

    /** Creates (or empties) the log file and its parent directories. */
    static StreamCapture open(Path logPath, long limit) {
        try {
            Path parent = logPath.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            OutputStream log = new BufferedOutputStream(Files.newOutputStream(logPath), CHUNK_BYTES);
            return new StreamCapture(logPath, log, limit);
        } catch (IOException e) {
            throw new SandboxException("cannot write log file " + logPath + ": " + e, e);
        }
    }

    /** Starts reading the stream on a daemon thread, until it ends or this capture is closed. */
    void drain(InputStream stream, String threadName) {
        Thread reader = new Thread(() -> pump(stream), threadName);
        reader.setDaemon(true);
        reader.start();
    }

    private void pump(InputStream stream) {
        byte[] buffer = new byte[CHUNK_BYTES];
        try (stream) {
            int length;
            while ((length = stream.read(buffer)) >= 0 && accept(buffer, length)) {
                // accept() did the work
            }
        } catch (IOException e) {
            LOG.debugf("stopped reading into %s: %s", logPath, e);
        } finally {
            ended.countDown();
        }
    }

    private synchronized boolean accept(byte[] buffer, int length) {
        if (closed) {
            return false;
        }
        totalBytes += length;
        tail.add(buffer, length);
        int head = (int) Math.min(length, limit - keptBytes);
        if (head > 0) {
            write(buffer, head);
            keptBytes += head;
        }
        return true;
    }

    /** Adds a line {@code [clade: note]} after the stream's end, in the log and in the summary's tail. */
    synchronized void note(String note) {
        if (!closed) {
            notes.append("[clade: ").append(note).append("]\n");
        }
    }

    /** Bytes read so far. */
    synchronized long totalBytes() {
        return totalBytes;
    }

    /**
     * Waits until the stream ends or the deadline (a {@link System#nanoTime} value) passes, closes the log
     * and sums up what was read by then.
     *
     * @throws SandboxException if the log could not be written
     */
    StreamSummary finish(long deadlineNanos) throws InterruptedException {
        if (!ended.await(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)) {
            LOG.debugf("%s is still open after the process tree died; keeping what was read", logPath);
        }
        close();
        synchronized (this) {
            if (writeFailure != null) {
                throw new SandboxException("cannot write log file " + logPath + ": " + writeFailure, writeFailure);
            }
            return new StreamSummary(logPath, totalBytes, truncated, tail.decode() + noteLines());
        }
    }

    /** Appends the end of the stream to the log and closes it; does nothing the second time. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long overflow = totalBytes - keptBytes;
        byte[] ending = tail.last((int) Math.min(overflow, tail.held()));
        long omitted = overflow - ending.length;
        truncated = omitted > 0;
        if (truncated) {
            byte[] marker = ("\n[clade: " + omitted + " bytes omitted]\n").getBytes(StandardCharsets.UTF_8);
            write(marker, marker.length);
        }
        write(ending, ending.length);
        byte[] noted = noteLines().getBytes(StandardCharsets.UTF_8);
        write(noted, noted.length);
        try {
            log.close();
        } catch (IOException e) {
            writeFailure = writeFailure == null ? e : writeFailure;
        }
    }

    /** The notes, on a line of their own even when the stream did not end with a newline. */
    private String noteLines() {
        boolean midLine = tail.held() > 0 && tail.last(1)[0] != '\n';
        return notes.isEmpty() ? "" : (midLine ? "\n" : "") + notes;
    }

    private void write(byte[] bytes, int length) {
        if (writeFailure != null) {
            return;
        }
        try {
            log.write(bytes, 0, length);
        } catch (IOException e) {
            writeFailure = e;
        }
    }
}
