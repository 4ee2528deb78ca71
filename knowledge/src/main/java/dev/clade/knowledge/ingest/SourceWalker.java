package dev.clade.knowledge.ingest;

import dev.clade.knowledge.KnowledgeException;
import dev.clade.knowledge.ingest.IngestResult.Skipped;
import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Finds the files of known type in a source, sorted by relative path. Skips build output, dependency
 * and VCS folders ({@link #SKIPPED_FOLDERS}), hidden files and folders, and does not follow symbolic
 * links. A folder that cannot be listed is reported as skipped.
 */
final class SourceWalker {

    /** Folders never entered, besides every hidden one. */
    static final Set<String> SKIPPED_FOLDERS =
            Set.of(".git", "node_modules", "target", "build", "dist", "__pycache__", ".venv", "venv");

    /** Hidden entries and the skipped folders' names are never ingested. */
    static boolean ignored(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        return name.startsWith(".") || SKIPPED_FOLDERS.contains(name);
    }

    /** The files found and the folders that could not be read. */
    record Walk(List<SourceFile> files, List<Skipped> skipped) {}

    private SourceWalker() {}

    static Walk walk(Path root) {
        if (!Files.isDirectory(root)) {
            return single(root);
        }
        List<SourceFile> files = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        try {
            Files.walkFileTree(root, new Visitor(root, files, skipped));
        } catch (IOException e) {
            throw new KnowledgeException("cannot read source " + root + ": " + FileContents.reason(e), e);
        }
        files.sort(Comparator.comparing(SourceFile::relativePath));
        return new Walk(files, skipped);
    }

    private static Walk single(Path file) {
        String name = file.getFileName().toString();
        return FileKind.of(name)
                .map(kind -> new Walk(List.of(new SourceFile(file, name, kind)), List.<Skipped>of()))
                .orElseGet(() -> new Walk(List.of(), List.of(new Skipped(name, "unsupported file type"))));
    }

    private static final class Visitor extends SimpleFileVisitor<Path> {

        private final Path root;
        private final List<SourceFile> files;
        private final List<Skipped> skipped;

        Visitor(Path root, List<SourceFile> files, List<Skipped> skipped) {
            this.root = root;
            this.files = files;
            this.skipped = skipped;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(root) && ignored(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String name = file.getFileName().toString();
            if (attrs.isRegularFile() && !name.startsWith(".")) {
                FileKind.of(name).ifPresent(kind -> files.add(new SourceFile(file, relative(file), kind)));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (file.equals(root)) {
                throw e;
            }
            boolean folder = Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS);
            if (ignored(file)
                    || (!folder && FileKind.of(file.getFileName().toString()).isEmpty())) {
                return FileVisitResult.CONTINUE;
            }
            String reason = e instanceof AccessDeniedException ? "permission denied" : FileContents.reason(e);
            skipped.add(new Skipped(relative(file), "cannot read: " + reason));
            return FileVisitResult.CONTINUE;
        }

        private String relative(Path file) {
            return root.relativize(file).toString().replace(File.separatorChar, '/');
        }
    }
}
