package dev.clade.sandbox;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamCaptureTest {

    @TempDir
    Path dir;

    @Test
    void should_keep_a_stream_under_the_limit_whole() throws Exception {
        // when
        StreamSummary summary = capture("hello\nworld\n", 100);

        // then
        assertThat(summary.truncated()).isFalse();
        assertThat(summary.totalBytes()).isEqualTo(12);
        assertThat(summary.tail()).isEqualTo("hello\nworld\n");
        assertThat(Files.readString(summary.log())).isEqualTo("hello\nworld\n");
    }

    @Test
    void should_append_a_small_overflow_without_dropping_anything() throws Exception {
        // when
        StreamSummary summary = capture("0123456789abcdefghij", 10);

        // then
        assertThat(summary.truncated()).isFalse();
        assertThat(Files.readString(summary.log())).isEqualTo("0123456789abcdefghij");
    }

    @Test
    void should_keep_head_marker_and_true_tail_of_a_large_stream() throws Exception {
        // given
        byte[] middle = new byte[200_000];
        Arrays.fill(middle, (byte) 'm');
        String text = "HEAD" + new String(middle, UTF_8) + "\nlast line\n";

        // when
        StreamSummary summary = capture(text, 4);

        // then
        long omitted = text.length() - 4 - StreamCapture.TAIL_BYTES;
        assertThat(summary.truncated()).isTrue();
        assertThat(summary.totalBytes()).isEqualTo(text.length());
        assertThat(summary.tail()).hasSize(StreamCapture.TAIL_BYTES).endsWith("m\nlast line\n");
        assertThat(summary.lastLine()).contains("last line");
        assertThat(Files.readString(summary.log()))
                .isEqualTo("HEAD\n[clade: " + omitted + " bytes omitted]\n" + summary.tail());
    }

    @Test
    void should_add_notes_on_lines_of_their_own_after_the_stream() throws Exception {
        // given
        StreamCapture capture = StreamCapture.open(dir.resolve("err.log"), 100);
        capture.drain(new ByteArrayInputStream("no newline at the end".getBytes(UTF_8)), "test-reader");

        // when
        capture.note("the process limit of 20 was reached");
        StreamSummary summary =
                capture.finish(System.nanoTime() + Duration.ofSeconds(5).toNanos());

        // then
        String expected = "no newline at the end\n[clade: the process limit of 20 was reached]\n";
        assertThat(summary.tail()).isEqualTo(expected);
        assertThat(summary.lastLine()).contains("[clade: the process limit of 20 was reached]");
        assertThat(Files.readString(summary.log())).isEqualTo(expected);
    }

    @Test
    void should_never_write_the_log_after_finishing() throws Exception {
        // given: a stream still open, as when an escaped process holds the pipe
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream stream = new PipedInputStream(writer);
        StreamCapture capture = StreamCapture.open(dir.resolve("out.log"), 1000);
        capture.drain(stream, "test-reader");
        writer.write("early\n".getBytes(UTF_8));
        writer.flush();
        await().atMost(Duration.ofSeconds(5)).until(() -> capture.totalBytes() == 6);

        // when
        StreamSummary summary =
                capture.finish(System.nanoTime() + Duration.ofMillis(100).toNanos());

        // then: the reader gives up on the next chunk and closes the stream
        await().atMost(Duration.ofSeconds(5)).until(() -> writeFails(writer));
        assertThat(summary.tail()).isEqualTo("early\n");
        assertThat(Files.readString(dir.resolve("out.log"))).isEqualTo("early\n");
    }

    private StreamSummary capture(String text, long limit) throws InterruptedException {
        StreamCapture capture = StreamCapture.open(dir.resolve("logs/out.log"), limit);
        capture.drain(new ByteArrayInputStream(text.getBytes(UTF_8)), "test-reader");
        return capture.finish(System.nanoTime() + Duration.ofSeconds(5).toNanos());
    }

    private static boolean writeFails(PipedOutputStream writer) {
        try {
            writer.write("late\n".getBytes(UTF_8));
            writer.flush();
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
