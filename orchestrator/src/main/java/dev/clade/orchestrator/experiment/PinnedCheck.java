package dev.clade.orchestrator.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * Compares a checkout with the commit it was exported from, for the files that must not change (the evaluator's): how
 * a stage that rewrote them is caught.
 */
final class PinnedCheck {

    private PinnedCheck() {}

    /**
     * The paths of {@code commit} that {@code pinned} accepts and whose content in {@code dir} differs from the
     * commit's, or that are missing. New files are not reported (build outputs are fine), nor are symbolic links and
     * submodules.
     */
    static List<String> modified(Repository repository, ObjectId commit, Path dir, Predicate<String> pinned) {
        List<String> modified = new ArrayList<>();
        try (ObjectReader reader = repository.newObjectReader();
                ObjectInserter.Formatter hasher = new ObjectInserter.Formatter()) {
            SortedMap<String, GitTrees.Entry> entries = GitTrees.read(reader, GitTrees.treeOf(reader, commit));
            for (var e : entries.entrySet()) {
                if (!pinned.test(e.getKey())
                        || e.getValue().mode().getObjectType() != Constants.OBJ_BLOB
                        || e.getValue().mode() == FileMode.SYMLINK) {
                    continue;
                }
                Path file = dir.resolve(e.getKey());
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        || !hasher.idFor(Constants.OBJ_BLOB, Files.readAllBytes(file))
                                .equals(e.getValue().id())) {
                    modified.add(e.getKey());
                }
            }
        } catch (IOException e) {
            throw new ExperimentException("Cannot compare " + dir + " with " + commit.name() + ": " + e, e);
        }
        return modified;
    }
}
