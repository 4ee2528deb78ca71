package dev.clade.knowledge.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test-data builder: a real folder of source files under a JUnit temporary directory. */
final class SourceFolder {

    private final Path root;

    private SourceFolder(Path root) {
        this.root = root;
    }

    static SourceFolder in(Path root) {
        return new SourceFolder(root);
    }

    SourceFolder with(String relativePath, String content) {
        return withBytes(relativePath, content.getBytes(StandardCharsets.UTF_8));
    }

    SourceFolder withBytes(String relativePath, byte[] content) {
        try {
            Path file = root.resolve(relativePath);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path(String relativePath) {
        return root.resolve(relativePath);
    }

    Path root() {
        return root;
    }

    IngestResult ingest() {
        return new Ingestor().ingest(root);
    }
}
