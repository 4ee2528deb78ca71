package dev.clade.orchestrator.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/** Unified diffs between commits, kept: commits never change, and a node's page is read again and again. */
final class Diffs {

    private static final int KEPT = 256;

    private final Repository repository;
    private final Map<String, String> kept = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > KEPT;
        }
    });

    Diffs(Repository repository) {
        this.repository = repository;
    }

    /** See {@link GitTrees#diff}. */
    String between(ObjectId from, ObjectId to) {
        String key = from.name() + ".." + to.name();
        String diff = kept.get(key);
        if (diff == null) { // computed outside the map's lock: readers of other diffs do not wait
            diff = GitTrees.diff(repository, from, to);
            kept.put(key, diff);
        }
        return diff;
    }
}
