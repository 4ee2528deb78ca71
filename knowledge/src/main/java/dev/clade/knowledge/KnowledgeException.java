package dev.clade.knowledge;

/**
 * The one unchecked root exception of the knowledge module. It signals broken infrastructure (a
 * source that does not exist or cannot be read at all), never a bad file inside a source: those
 * become {@code Skipped} entries of an ingestion result.
 */
public class KnowledgeException extends RuntimeException {

    public KnowledgeException(String message) {
        super(message);
    }

    public KnowledgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
