package dev.clade.sandbox.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.sandbox.StreamSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CappedLogTest {

    private static final int TAIL = CappedLog.TAIL_BYTES;

    @TempDir
    Path dir;

    @Test
    void should_copy_a_short_output_whole() throws IOException {
        // given
        Path raw = Files.writeString(dir.resolve("raw"), "one\n{\"score\": 1}\n");

        // when
        StreamSummary summary = CappedLog.copy(raw, dir.resolve("log"), 1024);

        // then
        assertThat(summary).isEqualTo(new StreamSummary(dir.resolve("log"), 17, false, "one\n{\"score\": 1}\n"));
        assertThat(summary.lastLine()).contains("{\"score\": 1}");
        assertThat(Files.readString(dir.resolve("log"))).isEqualTo("one\n{\"score\": 1}\n");
    }

    @Test
    void should_keep_the_head_a_marker_and_the_tail_of_a_long_output() throws IOException {
        // given: 10 bytes of head, then far more than the tail holds
        byte[] bytes = new byte[1000 + 3 * TAIL];
        Arrays.fill(bytes, (byte) 'x');
        System.arraycopy("HEAD".getBytes(StandardCharsets.UTF_8), 0, bytes, 0, 4);
        byte[] end = "\nlast line\n".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(end, 0, bytes, bytes.length - end.length, end.length);
        Path raw = Files.write(dir.resolve("raw"), bytes);

        // when
        StreamSummary summary = CappedLog.copy(raw, dir.resolve("log"), 10);

        // then
        long omitted = bytes.length - 10 - TAIL;
        assertThat(summary.totalBytes()).isEqualTo(bytes.length);
        assertThat(summary.truncated()).isTrue();
        assertThat(summary.tail()).hasSize(TAIL).endsWith("xx\nlast line\n");
        assertThat(summary.lastLine()).contains("last line");
        String log = Files.readString(dir.resolve("log"), StandardCharsets.ISO_8859_1);
        assertThat(log)
                .startsWith("HEADxxxxxx\n[clade: " + omitted + " bytes omitted]\nxxx")
                .endsWith("\nlast line\n");
        assertThat(log).hasSize(10 + ("\n[clade: " + omitted + " bytes omitted]\n").length() + TAIL);
    }

    @Test
    void should_not_mark_an_output_that_fits_in_head_and_tail() throws IOException {
        // given
        Path raw = Files.write(dir.resolve("raw"), new byte[10 + TAIL]);

        // when
        StreamSummary summary = CappedLog.copy(raw, dir.resolve("log"), 10);

        // then
        assertThat(summary.truncated()).isFalse();
        assertThat(Files.size(dir.resolve("log"))).isEqualTo(10 + TAIL);
    }

    @Test
    void should_skip_a_character_cut_in_half_at_the_start_of_the_tail() throws IOException {
        // given: "é" is two bytes; the tail starts on its second byte
        byte[] bytes = new byte[TAIL + 1];
        Arrays.fill(bytes, (byte) 'a');
        bytes[0] = (byte) 0xC3;
        bytes[1] = (byte) 0xA9;
        Path raw = Files.write(dir.resolve("raw"), bytes);

        // when
        StreamSummary summary = CappedLog.copy(raw, dir.resolve("log"), 1);

        // then
        assertThat(summary.tail()).hasSize(TAIL - 1).doesNotContain("\uFFFD");
    }

    @Test
    void should_read_a_missing_output_as_empty() throws IOException {
        // when
        StreamSummary summary = CappedLog.copy(dir.resolve("never-written"), dir.resolve("log"), 10);

        // then
        assertThat(summary.totalBytes()).isZero();
        assertThat(summary.tail()).isEmpty();
        assertThat(Files.readString(dir.resolve("log"))).isEmpty();
    }
}
