package dev.clade.orchestrator.experiment;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * The entries of recently read commits: a commit never changes, and an experiment reads its parent's and its own tree
 * several times (to check out, commit, check the pinned files after every stage). Bounded by the entries it holds in
 * all, so a repository of many files keeps fewer trees.
 */
final class TreeCache {

    private final long maxEntries;
    private final Map<ObjectId, SortedMap<String, GitTrees.Entry>> trees = new LinkedHashMap<>(16, 0.75f, true);
    private long held;

    TreeCache(long maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** Every non-tree entry of the commit's tree, keyed by path; unmodifiable. */
    SortedMap<String, GitTrees.Entry> entries(ObjectReader reader, ObjectId commit) throws IOException {
        synchronized (this) {
            SortedMap<String, GitTrees.Entry> cached = trees.get(commit);
            if (cached != null) {
                return cached;
            }
        }
        SortedMap<String, GitTrees.Entry> read =
                Collections.unmodifiableSortedMap(GitTrees.read(reader, GitTrees.treeOf(reader, commit)));
        synchronized (this) {
            if (trees.putIfAbsent(commit.copy(), read) == null) {
                held += read.size();
                var eldest = trees.entrySet().iterator();
                while (held > maxEntries && trees.size() > 1 && eldest.hasNext()) {
                    held -= eldest.next().getValue().size();
                    eldest.remove();
                }
            }
        }
        return read;
    }
}
