package dev.clade.orchestrator.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text of a spec before it is read: at most {@link #MAX_BYTES}, UTF-8, and YAML or JSON that parses. Each check
 * fails at once, before any parsing work, with a message that says where: the byte offset of an invalid UTF-8
 * sequence, the line and column of a syntax error.
 */
public final class SpecText {

    /** The largest spec accepted: a spec is a page of settings, never data. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** How a spec is written. */
    public enum Format {
        YAML,
        JSON
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private SpecText() {}

    /** The document in {@code file} (YAML, of which JSON is a part). */
    static JsonNode read(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw SpecException.whole(file.toString(), "cannot read: " + e.getMessage());
        }
        return parse(bytes, Format.YAML, file.toString());
    }

    /**
     * The document in {@code bytes}, read from {@code source} (named in every message).
     *
     * @throws SpecException when the text is too large, not UTF-8 or not valid YAML or JSON
     */
    public static JsonNode parse(byte[] bytes, Format format, String source) {
        if (bytes.length > MAX_BYTES) {
            throw SpecException.whole(
                    source,
                    "larger than " + MAX_BYTES + " bytes, the most a spec may be; a spec holds settings, not data");
        }
        String text = utf8(bytes, source);
        try {
            return (format == Format.JSON ? JSON : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            throw SpecException.whole(
                    source,
                    "not valid " + format + ": " + e.getOriginalMessage()
                            + (e.getLocation() == null
                                    ? ""
                                    : " (line " + e.getLocation().getLineNr() + ", column "
                                            + e.getLocation().getColumnNr() + ")"));
        }
    }

    private static String utf8(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw SpecException.whole(
                    source,
                    "not UTF-8: the byte at offset " + in.position() + " (0x"
                            + String.format("%02x", bytes[in.position()] & 0xff)
                            + ") begins no valid UTF-8 sequence; save the file as UTF-8");
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
