package dev.clade.orchestrator.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.FS;

/**
 * Commits a child's folder on top of its parent: the folder scanned against the parent's tree (with a checkout, only
 * what moved is read), non-editable changes left out and reported, links that point outside refused, and the commit
 * written and its branch moved only when something editable changed.
 */
final class ChildCommit {

    private ChildCommit() {}

    static CommitOutcome write(
            Repository repository,
            TreeCache trees,
            ObjectId parent,
            Path dir,
            Checkout checkout,
            Predicate<String> editable,
            String branch,
            CommitMessage message) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(editable, "editable");
        Objects.requireNonNull(message, "message");
        String refName = Branches.ref(branch);
        if (!Files.isDirectory(dir)) {
            throw new ExperimentException("Not a directory: " + dir);
        }
        try (ObjectReader reader = repository.newObjectReader();
                ObjectInserter inserter = repository.newObjectInserter()) {
            SortedMap<String, GitTrees.Entry> before = trees.entries(reader, parent);
            int[] leftOut = {0};
            SortedMap<String, ScannedFile> files = DirectoryScan.scan(dir, before.keySet(), Set.of(), leftOut);
            KnownFiles known = KnownFiles.of(checkout, files);
            boolean executableBits = FS.DETECTED.supportsExecute();
            ChildTree child = ChildTree.of(before, known.files(), editable, inserter, executableBits);
            known.remember(child, leftOut[0] == 0);
            if (child.changed().isEmpty()) {
                return new CommitOutcome.NoChange(child.ignored());
            }
            List<String> outward;
            try (ObjectReader links = inserter.newReader()) {
                outward = OutwardLinks.among(child.changed(), child.entries(), links);
            }
            if (!outward.isEmpty()) {
                return new CommitOutcome.Refused(outward, child.ignored());
            }
            ObjectId tree = GitTrees.write(inserter, child.entries());
            ObjectId commit = GitTrees.commit(inserter, tree, parent, Instant.now(), message.format());
            inserter.flush();
            GitTrees.setRef(repository, refName, commit);
            return new CommitOutcome.Committed(commit, child.changed(), child.ignored());
        } catch (IOException e) {
            throw new ExperimentException("Cannot commit " + dir + " on " + branch + ": " + e, e);
        }
    }
}
