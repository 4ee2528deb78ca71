package dev.clade.sandbox;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TailBufferTest {

    @Test
    void should_hold_everything_while_under_capacity() {
        // given
        TailBuffer tail = new TailBuffer(8);

        // when
        add(tail, "abc");
        add(tail, "de");

        // then
        assertThat(tail.held()).isEqualTo(5);
        assertThat(tail.decode()).isEqualTo("abcde");
        assertThat(new String(tail.last(2), UTF_8)).isEqualTo("de");
    }

    @Test
    void should_keep_the_last_bytes_across_wraps_and_large_chunks() {
        // given
        TailBuffer tail = new TailBuffer(8);

        // when
        add(tail, "0123456");
        add(tail, "789ab");
        add(tail, "cd");

        // then
        assertThat(tail.decode()).isEqualTo("6789abcd");

        // when
        add(tail, "ABCDEFGHIJKLMNOP");

        // then
        assertThat(tail.decode()).isEqualTo("IJKLMNOP");
        assertThat(new String(tail.last(3), UTF_8)).isEqualTo("NOP");
    }

    @Test
    void should_skip_a_character_cut_in_half_by_the_ring() {
        // given: "é" is two bytes, the ring keeps only its second byte
        TailBuffer tail = new TailBuffer(4);

        // when
        add(tail, "xé123");

        // then
        assertThat(tail.decode()).isEqualTo("123");
    }

    private static void add(TailBuffer tail, String text) {
        byte[] bytes = text.getBytes(UTF_8);
        tail.add(bytes, bytes.length);
    }
}
