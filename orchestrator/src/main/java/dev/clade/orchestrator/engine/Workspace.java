package dev.clade.orchestrator.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Folders of a campaign under {@code $CLADE_HOME}: one private folder per proposal and per evaluation attempt
 * ({@code work/<campaign>/<node>/...}), deleted when done unless kept for debugging, and logs that are always kept
 * ({@code logs/<campaign>/<node>/a<attempt>-<stage index>-<stage>.out|.err}).
 */
final class Workspace {

    private final Path work;
    private final Path logs;
    private final boolean keep;

    Workspace(Path work, Path logs, boolean keep) {
        this.work = work;
        this.logs = logs;
        this.keep = keep;
    }

    /** A fresh folder for a proposal; whatever a crashed earlier try left there is removed first. */
    Path proposalDir(String campaign, long node) {
        return fresh(work.resolve(campaign).resolve(Long.toString(node)).resolve("propose"));
    }

    /** A fresh folder for one evaluation, {@code name} telling the task and attempt apart. */
    Path evaluationDir(String campaign, long node, String name) {
        return fresh(work.resolve(campaign).resolve(Long.toString(node)).resolve(name));
    }

    Path holdoutDir(String campaign, long node, int attempt) {
        return fresh(work.resolve(campaign).resolve(Long.toString(node)).resolve("holdout" + attempt));
    }

    Path logDir(String campaign, long node) {
        return logs.resolve(campaign).resolve(Long.toString(node));
    }

    void discard(Path dir) {
        if (!keep) {
            delete(dir);
        }
    }

    private static Path fresh(Path dir) {
        delete(dir);
        return dir;
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
