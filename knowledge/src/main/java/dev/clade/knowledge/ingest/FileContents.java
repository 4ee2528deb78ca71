package dev.clade.knowledge.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.util.Locale;

/** Reads a source file's bytes and decodes text, turning every failure into a stated reason. */
final class FileContents {

    private FileContents() {}

    /** The file's bytes, or the reason it cannot be ingested: too large, or not readable. */
    static byte[] read(SourceFile file, long maxBytes) throws UnreadableFileException {
        try {
            long size = Files.size(file.path());
            if (size > maxBytes) {
                throw new UnreadableFileException(
                        "too large: " + size + " bytes (more than " + megabytes(maxBytes) + ")");
            }
            return Files.readAllBytes(file.path());
        } catch (AccessDeniedException e) {
            throw new UnreadableFileException("cannot read: permission denied");
        } catch (IOException e) {
            throw new UnreadableFileException("cannot read: " + reason(e));
        }
    }

    /** Strict UTF-8 text without a byte-order mark; a file with NUL bytes is not text. */
    static String utf8(byte[] bytes) throws UnreadableFileException {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableFileException("not valid UTF-8 text");
        }
        if (text.indexOf('\0') >= 0) {
            throw new UnreadableFileException("not a text file: contains NUL bytes");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** An exception's message, or its type when it has none. */
    static String reason(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
