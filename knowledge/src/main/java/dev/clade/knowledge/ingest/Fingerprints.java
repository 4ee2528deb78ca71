package dev.clade.knowledge.ingest;

import dev.clade.knowledge.KnowledgeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What a local source looks like: a hash of the relative paths, sizes and modification times of the files an ingestion
 * reads (the same skipped folders, hidden entries and known types as {@link SourceWalker}; contents are not read, so
 * this is cheap). Two equal fingerprints mean nothing the ingestion reads was added, removed or rewritten: a build, a
 * {@code git status} or a Python run in the folder changes nothing. A file or folder that cannot be read counts by its
 * name, as the ingestion lists it.
 */
public final class Fingerprints {

    private Fingerprints() {}

    public static String of(Path source) {
        if (!Files.exists(source)) {
            throw new KnowledgeException("source does not exist: " + source);
        }
        List<String> lines = new ArrayList<>();
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
                    return !dir.equals(source) && SourceWalker.ignored(dir)
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                    String name = file.getFileName().toString();
                    if (a.isRegularFile()
                            && !SourceWalker.ignored(file)
                            && FileKind.of(name).isPresent()) {
                        lines.add(source.relativize(file) + "\t" + a.size() + "\t"
                                + a.lastModifiedTime().toMillis());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    lines.add(source.relativize(file) + "\tunreadable");
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new KnowledgeException("cannot read " + source + ": " + e.getMessage(), e);
        }
        lines.sort(null);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            lines.forEach(l -> digest.update((l + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
