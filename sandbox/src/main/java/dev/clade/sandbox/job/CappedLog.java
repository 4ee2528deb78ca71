package dev.clade.sandbox.job;

import dev.clade.sandbox.SandboxException;
import dev.clade.sandbox.StreamSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Copies a finished job's raw output file into a request's log in the form the local sandbox writes: the head up
 * to the output limit, then, when bytes were dropped, a line {@code [clade: N bytes omitted]} and the last 64 KiB.
 * (The module's {@code StreamCapture} does the same for a live pipe; a file can be read from both ends at once.)
 */
final class CappedLog {

    /** As the local sandbox: the tail kept, and the tail given in {@link StreamSummary#tail()}. */
    static final int TAIL_BYTES = 64 * 1024;

    private CappedLog() {}

    /**
     * @param raw the job's output; a missing file reads as empty (the job never started)
     * @param log the request's log, created or emptied
     * @param limit the most bytes of the head kept
     * @throws SandboxException when the raw output cannot be read or the log written
     */
    static StreamSummary copy(Path raw, Path log, long limit) {
        try (OutputStream out = Files.newOutputStream(log)) {
            if (!Files.exists(raw)) {
                return new StreamSummary(log, 0, false, "");
            }
            try (FileChannel in = FileChannel.open(raw, StandardOpenOption.READ)) {
                long total = in.size();
                long head = Math.min(total, limit);
                long tailStart = Math.max(head, total - TAIL_BYTES);
                long omitted = tailStart - head;
                transfer(in, 0, head, out);
                if (omitted > 0) {
                    out.write(("\n[clade: " + omitted + " bytes omitted]\n").getBytes(StandardCharsets.UTF_8));
                }
                transfer(in, tailStart, total - tailStart, out);
                return new StreamSummary(log, total, omitted > 0, tail(in, total));
            }
        } catch (IOException e) {
            throw new SandboxException("cannot copy job output " + raw + " into " + log + ": " + e, e);
        }
    }

    private static void transfer(FileChannel in, long from, long count, OutputStream out) throws IOException {
        long done = 0;
        var target = Channels.newChannel(out);
        while (done < count) {
            long moved = in.transferTo(from + done, count - done, target);
            if (moved <= 0) {
                throw new IOException("the file shrank while being copied");
            }
            done += moved;
        }
    }

    /** The last bytes decoded; a character cut in half at the start is skipped, as the local sandbox does. */
    private static String tail(FileChannel in, long total) throws IOException {
        int length = (int) Math.min(total, TAIL_BYTES);
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining() && in.read(buffer, total - length + buffer.position()) > 0) {
            // read() filled some more
        }
        byte[] bytes = buffer.array();
        int start = 0;
        if (total > TAIL_BYTES) {
            while (start < Math.min(3, length) && (bytes[start] & 0xC0) == 0x80) {
                start++;
            }
        }
        return new String(bytes, start, buffer.position() - start, StandardCharsets.UTF_8);
    }
}
