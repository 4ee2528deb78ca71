package dev.clade.orchestrator.experiment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads and writes trees, commits and refs through the object database only: no working tree, no shared index.
 */
final class GitTrees {

    static final String NAME = "Clade";
    static final String EMAIL = "clade@localhost";

    /** One entry of a tree: a blob, a symbolic link or a gitlink, with its mode. */
    record Entry(FileMode mode, ObjectId id) {
        Entry {
            Objects.requireNonNull(mode, "mode");
            id = Objects.requireNonNull(id, "id").copy();
        }
    }

    private GitTrees() {}

    /** Clade's identity at a given time, in UTC. */
    static PersonIdent clade(Instant when) {
        return new PersonIdent(NAME, EMAIL, when, ZoneOffset.UTC);
    }

    /** Every non-tree entry of the tree, recursively, keyed by path. */
    static SortedMap<String, Entry> read(ObjectReader reader, ObjectId tree) throws IOException {
        SortedMap<String, Entry> entries = new TreeMap<>();
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(tree);
            walk.setRecursive(true);
            while (walk.next()) {
                entries.put(walk.getPathString(), new Entry(normalized(walk.getFileMode(0)), walk.getObjectId(0)));
            }
        }
        return entries;
    }

    /** The standard constant for a mode; old trees may hold file modes such as 100664, which git reads as 100644. */
    static FileMode normalized(FileMode mode) {
        if (mode.getObjectType() != Constants.OBJ_BLOB || mode == FileMode.SYMLINK) {
            return mode;
        }
        return (mode.getBits() & 0111) != 0 ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE;
    }

    /** Writes the entries as a tree, through a DirCache kept in memory, and returns the tree's id. */
    static ObjectId write(ObjectInserter inserter, Map<String, Entry> entries) throws IOException {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        for (Map.Entry<String, Entry> entry : entries.entrySet()) {
            DirCacheEntry file;
            try {
                file = new DirCacheEntry(entry.getKey());
            } catch (IllegalArgumentException e) {
                throw new ExperimentException("Git cannot store the path '" + entry.getKey() + "': " + e.getMessage());
            }
            file.setFileMode(entry.getValue().mode());
            file.setObjectId(entry.getValue().id());
            builder.add(file);
        }
        builder.finish();
        return index.writeTree(inserter);
    }

    /** Writes a commit of the tree by Clade at the given time; parent may be null for a root commit. */
    static ObjectId commit(ObjectInserter inserter, ObjectId tree, ObjectId parent, Instant when, String message)
            throws IOException {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        if (parent != null) {
            commit.setParentId(parent);
        }
        commit.setAuthor(clade(when));
        commit.setCommitter(clade(when));
        commit.setMessage(message);
        return inserter.insert(commit);
    }

    /** The tree of a commit. */
    static ObjectId treeOf(ObjectReader reader, ObjectId commit) {
        Objects.requireNonNull(commit, "commit");
        try (RevWalk walk = new RevWalk(reader)) {
            return walk.parseCommit(commit).getTree().copy();
        } catch (IOException e) {
            throw new ExperimentException("Unknown commit " + commit.name() + ": " + e, e);
        }
    }

    /** Points refName at commit, whatever it pointed to before. */
    static void setRef(Repository repository, String refName, ObjectId commit) {
        try {
            RefUpdate update = repository.updateRef(refName);
            update.setNewObjectId(commit);
            update.setForceUpdate(true);
            // The repository is bare, so git keeps no reflog for it, but JGit still builds each entry before it finds
            // that out: a profile of 10-file experiments showed that half of the commit's CPU time.
            update.disableRefLog();
            RefUpdate.Result result = update.update();
            switch (result) {
                case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> {}
                default ->
                    throw new ExperimentException("Cannot point " + refName + " at " + commit.name() + ": " + result);
            }
        } catch (IOException e) {
            throw new ExperimentException("Cannot point " + refName + " at " + commit.name() + ": " + e, e);
        }
    }

    /** Unified diff in git's format (3 lines of context, renames detected) from one commit to another; "" if equal. */
    static String diff(Repository repository, ObjectId from, ObjectId to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectReader reader = repository.newObjectReader();
                DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.setReader(reader, new Config());
            formatter.setContext(3);
            formatter.setDetectRenames(true);
            formatter.format(GitTrees.treeOf(reader, from), GitTrees.treeOf(reader, to));
            formatter.flush();
        } catch (IOException e) {
            throw new ExperimentException("Cannot diff " + from.name() + " and " + to.name() + ": " + e, e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The text of the files of {@code to} that differ from {@code from}'s (each as its path, a newline and its content,
     * sorted by path), at most {@code maxChars} in all: what a lineage's code is, for its embedding.
     */
    static String changedText(Repository repository, ObjectId from, ObjectId to, int maxChars) {
        StringBuilder out = new StringBuilder();
        eachChangedFile(repository, from, to, (path, bytes) -> {
            if (out.length() >= maxChars) {
                return false;
            }
            out.append(path)
                    .append('\n')
                    .append(new String(bytes, StandardCharsets.UTF_8))
                    .append('\n');
            return true;
        });
        return out.length() <= maxChars ? out.toString() : out.substring(0, maxChars);
    }

    /**
     * The lines of the files of {@code to} that differ from {@code from}'s (added or changed; a deleted file counts
     * nothing): the size of what a lineage changed.
     */
    static long changedLines(Repository repository, ObjectId from, ObjectId to) {
        long[] lines = {0};
        eachChangedFile(repository, from, to, (path, bytes) -> {
            long newlines = 0;
            for (byte b : bytes) {
                if (b == '\n') {
                    newlines++;
                }
            }
            lines[0] += newlines + (bytes.length > 0 && bytes[bytes.length - 1] != '\n' ? 1 : 0);
            return true;
        });
        return lines[0];
    }

    /** A file's path and content; answers whether to go on. */
    private interface ChangedFile {
        boolean visit(String path, byte[] content);
    }

    /**
     * Each regular file of {@code to} that is added or changed against {@code from}, in path order, until the visitor
     * says stop. Walks only the subtrees that differ and reads only those blobs.
     */
    private static void eachChangedFile(Repository repository, ObjectId from, ObjectId to, ChangedFile visitor) {
        try (ObjectReader reader = repository.newObjectReader();
                TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(treeOf(reader, from));
            walk.addTree(treeOf(reader, to));
            walk.setRecursive(true);
            walk.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
            while (walk.next()) {
                if ((walk.getRawMode(1) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
                    continue;
                }
                byte[] bytes = reader.open(walk.getObjectId(1)).getCachedBytes(Integer.MAX_VALUE);
                if (!visitor.visit(walk.getPathString(), bytes)) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new ExperimentException("Cannot compare " + from.name() + " and " + to.name() + ": " + e, e);
        }
    }

    /**
     * Writes a commit with the tree, parent and time of {@code commit} and its message as {@code reworded} makes it,
     * and points {@code refName} at it.
     */
    static ObjectId reword(
            Repository repository, ObjectId commit, String refName, java.util.function.UnaryOperator<String> reworded)
            throws IOException {
        try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repository);
                ObjectInserter inserter = repository.newObjectInserter()) {
            org.eclipse.jgit.revwalk.RevCommit original = walk.parseCommit(commit);
            ObjectId written = commit(
                    inserter,
                    original.getTree(),
                    original.getParent(0),
                    original.getCommitterIdent().getWhenAsInstant(),
                    reworded.apply(original.getFullMessage()));
            inserter.flush();
            setRef(repository, refName, written);
            return written;
        }
    }
}
