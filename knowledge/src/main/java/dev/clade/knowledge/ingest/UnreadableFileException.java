package dev.clade.knowledge.ingest;

/** A file that cannot be ingested; its message is the reason reported in a {@code Skipped} entry. */
final class UnreadableFileException extends Exception {

    UnreadableFileException(String reason) {
        super(reason);
    }
}
