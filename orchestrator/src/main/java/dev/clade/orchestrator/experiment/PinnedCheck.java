package dev.clade.orchestrator.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectInserter;

/**
 * Compares a checkout with the commit it was exported from, for the files that must not change (the evaluator's): how
 * a stage that rewrote them is caught.
 */
final class PinnedCheck {

    private PinnedCheck() {}

    /**
     * The paths of {@code entries} (a commit's tree) that {@code pinned} accepts and whose content in {@code dir}
     * differs from the commit's, or that are missing. New files are not reported (build outputs are fine), nor are
     * symbolic links and submodules. With a {@code checkout} (null for none), a file whose stat has not moved since the
     * checkout wrote or read it as that blob is not read: its content cannot have changed.
     */
    static List<String> modified(
            SortedMap<String, GitTrees.Entry> entries, Path dir, Checkout checkout, Predicate<String> pinned)
            throws IOException {
        List<String> modified = new ArrayList<>();
        try (ObjectInserter.Formatter hasher = new ObjectInserter.Formatter()) {
            for (var e : entries.entrySet()) {
                if (!pinned.test(e.getKey())
                        || e.getValue().mode().getObjectType() != Constants.OBJ_BLOB
                        || e.getValue().mode() == FileMode.SYMLINK) {
                    continue;
                }
                Path file = dir.resolve(e.getKey());
                if (checkout != null && unchanged(checkout, e.getKey(), file, e.getValue())) {
                    continue;
                }
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        || !hasher.idFor(Constants.OBJ_BLOB, Files.readAllBytes(file))
                                .equals(e.getValue().id())) {
                    modified.add(e.getKey());
                }
            }
        }
        return modified;
    }

    private static boolean unchanged(Checkout checkout, String path, Path file, GitTrees.Entry entry) {
        try {
            Optional<FileStat> stat = FileStat.of(file);
            return stat.isPresent()
                    && checkout.unchanged(path, stat.get())
                            .filter(known -> known.id().equals(entry.id()) && known.mode() != FileMode.SYMLINK)
                            .isPresent();
        } catch (IOException e) {
            return false; // missing or unreadable: the full check below says what it is
        }
    }
}
