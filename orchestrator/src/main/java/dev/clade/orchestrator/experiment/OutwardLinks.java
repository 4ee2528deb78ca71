package dev.clade.orchestrator.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.SortedMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Finds the symbolic links of a child's tree that lead out of a checkout of it: an absolute target, or one that climbs
 * above the root, with {@code ..} or through other links of the tree. A link is resolved as the kernel resolves it
 * in a checkout of that tree, component by component ({@code ..} after a link is taken from where the link led, so
 * {@code here/../x} with {@code here -> .} climbs out), not as its text reads. A target that does not exist in the
 * tree is judged by where it would be. Only the links a proposal added or changed are checked: a link the parent
 * already had is the target's own (the user put it there) and stays.
 */
final class OutwardLinks {

    /** As Linux's limit on the links followed in one lookup; a deeper chain or a loop counts as leading out. */
    private static final int MAX_HOPS = 40;

    private OutwardLinks() {}

    /**
     * The paths among {@code changed} whose entry in {@code entries} is a symbolic link out of the tree, sorted.
     *
     * @param reader reads link blobs, including ones inserted but not yet flushed
     */
    static List<String> among(List<String> changed, SortedMap<String, GitTrees.Entry> entries, ObjectReader reader)
            throws IOException {
        List<String> outward = new ArrayList<>();
        for (String path : changed) {
            GitTrees.Entry entry = entries.get(path);
            if (entry != null && entry.mode() == FileMode.SYMLINK && leadsOut(path, entries, reader)) {
                outward.add(path);
            }
        }
        return outward;
    }

    private static boolean leadsOut(String link, SortedMap<String, GitTrees.Entry> entries, ObjectReader reader)
            throws IOException {
        Deque<String> at = new ArrayDeque<>(components(link));
        at.removeLast(); // a link's target is relative to the folder it sits in
        Deque<String> todo = new ArrayDeque<>();
        int hops = 0;
        String target = target(entries.get(link), reader);
        while (true) {
            if (target.startsWith("/") || ++hops > MAX_HOPS) {
                return true;
            }
            List<String> parts = components(target);
            for (int i = parts.size() - 1; i >= 0; i--) {
                todo.push(parts.get(i));
            }
            target = null;
            while (target == null && !todo.isEmpty()) {
                String name = todo.pop();
                if (name.equals("..")) {
                    if (at.isEmpty()) {
                        return true;
                    }
                    at.removeLast();
                } else if (!name.isEmpty() && !name.equals(".")) {
                    at.addLast(name);
                    GitTrees.Entry entry = entries.get(String.join("/", at));
                    if (entry != null && entry.mode() == FileMode.SYMLINK) {
                        at.removeLast();
                        target = target(entry, reader);
                    }
                }
            }
            if (target == null) {
                return false;
            }
        }
    }

    private static String target(GitTrees.Entry link, ObjectReader reader) throws IOException {
        return new String(reader.open(link.id(), Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8);
    }

    private static List<String> components(String path) {
        return Arrays.asList(path.split("/", -1));
    }
}
