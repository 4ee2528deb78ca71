package dev.clade.sandbox;

import java.nio.charset.StandardCharsets;

/** The last bytes of a stream of any length, in a fixed ring. Not thread-safe. */
final class TailBuffer {

    private final byte[] ring;
    private long written;

    TailBuffer(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.ring = new byte[capacity];
    }

    void add(byte[] bytes, int length) {
        // only the last ring.length bytes of the chunk can survive
        int skipped = Math.max(0, length - ring.length);
        int at = (int) ((written + skipped) % ring.length);
        int count = length - skipped;
        int first = Math.min(count, ring.length - at);
        System.arraycopy(bytes, skipped, ring, at, first);
        System.arraycopy(bytes, skipped + first, ring, 0, count - first);
        written += length;
    }

    /** The last {@code count} bytes added; {@code count} is at most what the ring holds. */
    byte[] last(int count) {
        if (count < 0 || count > held()) {
            throw new IllegalArgumentException("cannot return " + count + " of " + held() + " bytes held");
        }
        byte[] out = new byte[count];
        int at = (int) ((written - count) % ring.length);
        int first = Math.min(count, ring.length - at);
        System.arraycopy(ring, at, out, 0, first);
        System.arraycopy(ring, 0, out, first, count - first);
        return out;
    }

    /** How many bytes the ring holds: everything added, or its capacity. */
    int held() {
        return (int) Math.min(written, ring.length);
    }

    /**
     * Everything held, decoded as UTF-8 with malformed bytes replaced. When earlier bytes were dropped, a
     * character cut in half at the start is skipped rather than shown as a replacement character.
     */
    String decode() {
        byte[] bytes = last(held());
        int start = 0;
        if (written > ring.length) {
            while (start < Math.min(3, bytes.length) && (bytes[start] & 0xC0) == 0x80) {
                start++;
            }
        }
        return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
    }
}
