package dev.clade.knowledge.ingest;

import java.nio.file.Path;

/**
 * A file found in a source.
 *
 * @param path where it is on disk
 * @param relativePath its path relative to the source, with {@code /} separators
 * @param kind its type
 */
record SourceFile(Path path, String relativePath, FileKind kind) {

    String fileName() {
        return path.getFileName().toString();
    }
}
