package dev.clade.orchestrator.experiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;

/**
 * The tree of a child: the parent's entries, with the editable paths replaced by what the directory holds. A path that
 * is not editable keeps the parent's entry (or stays absent) and, when the directory differs there, is reported as
 * ignored. A new editable file that would clash with a kept file (a file where the tree has a folder, or the other
 * way round) is ignored too. Gitlinks (submodules) are always kept.
 *
 * @param entries the child's entries, by path
 * @param changed editable paths whose entry differs from the parent's, sorted
 * @param ignored paths that differ from the parent but were not taken, sorted
 */
record ChildTree(SortedMap<String, GitTrees.Entry> entries, List<String> changed, List<String> ignored) {

    ChildTree {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
        changed = List.copyOf(changed);
        ignored = List.copyOf(ignored);
    }

    /**
     * Merges parent and directory; stores a blob only for editable files whose content differs from the parent's.
     *
     * @param executableBits whether the directory's file system records the executable bit; when not, an edited file
     *     keeps its parent's mode
     */
    static ChildTree of(
            SortedMap<String, GitTrees.Entry> parent,
            SortedMap<String, ScannedFile> directory,
            Predicate<String> editable,
            ObjectInserter inserter,
            boolean executableBits) {
        SortedMap<String, GitTrees.Entry> entries = new TreeMap<>();
        SortedMap<String, GitTrees.Entry> added = new TreeMap<>();
        Set<String> changed = new TreeSet<>();
        Set<String> ignored = new TreeSet<>();
        Set<String> paths = new TreeSet<>(parent.keySet());
        paths.addAll(directory.keySet());
        for (String path : paths) {
            GitTrees.Entry before = parent.get(path);
            ScannedFile file = directory.get(path);
            if (before != null && before.mode() == FileMode.GITLINK) {
                entries.put(path, before);
            } else if (!editable.test(path)) {
                if (before != null) {
                    entries.put(path, before);
                }
                if (!same(before, file, executableBits)) {
                    ignored.add(path);
                }
            } else if (file == null) {
                changed.add(path); // deleted: the parent had it (the path comes from one side or the other)
            } else {
                GitTrees.Entry after = entry(before, file, inserter, executableBits);
                if (!after.equals(before)) {
                    changed.add(path);
                }
                (before == null ? added : entries).put(path, after);
            }
        }
        addWithoutClashes(entries, added, changed, ignored);
        return new ChildTree(entries, new ArrayList<>(changed), new ArrayList<>(ignored));
    }

    private static GitTrees.Entry entry(
            GitTrees.Entry before, ScannedFile file, ObjectInserter inserter, boolean executableBits) {
        FileMode mode = modeOf(before, file, executableBits);
        ObjectId id = file.hash();
        if (before == null || !before.id().equals(id)) {
            id = file.insert(inserter);
        }
        return new GitTrees.Entry(mode, id);
    }

    private static boolean same(GitTrees.Entry before, ScannedFile file, boolean executableBits) {
        if (before == null || file == null) {
            return before == null && file == null;
        }
        return before.mode() == modeOf(before, file, executableBits)
                && before.id().equals(file.hash());
    }

    private static FileMode modeOf(GitTrees.Entry before, ScannedFile file, boolean executableBits) {
        boolean keepParentMode = !executableBits
                && file.mode() != FileMode.SYMLINK
                && before != null
                && before.mode() != FileMode.SYMLINK;
        return keepParentMode ? before.mode() : file.mode();
    }

    private static void addWithoutClashes(
            Map<String, GitTrees.Entry> entries,
            Map<String, GitTrees.Entry> added,
            Set<String> changed,
            Set<String> ignored) {
        Set<String> folders = new HashSet<>();
        entries.keySet().forEach(path -> folders.addAll(folders(path)));
        for (Map.Entry<String, GitTrees.Entry> file : added.entrySet()) {
            String path = file.getKey();
            boolean clash = folders.contains(path) || folders(path).stream().anyMatch(entries::containsKey);
            if (clash) {
                changed.remove(path);
                ignored.add(path);
            } else {
                entries.put(path, file.getValue());
                folders.addAll(folders(path));
            }
        }
    }

    /** The folders a path lies in, outermost first: {@code a/b/c} lies in {@code a} and {@code a/b}. */
    static List<String> folders(String path) {
        List<String> folders = new ArrayList<>();
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            folders.add(path.substring(0, slash));
        }
        return folders;
    }
}
