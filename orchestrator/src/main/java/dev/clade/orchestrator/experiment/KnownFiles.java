package dev.clade.orchestrator.experiment;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;

/**
 * The files of a commit's scan as a {@link Checkout} knows them: a file whose stat has not moved since the checkout
 * wrote or read it carries its blob id, so it is not read again; after the child tree is built, the checkout learns
 * what each file now holds. The stats are taken before any file is read, so a change during the commit shows later.
 */
final class KnownFiles {

    private final Checkout checkout;
    private final SortedMap<String, ScannedFile> files;
    private final Map<String, FileStat> stats;

    private KnownFiles(Checkout checkout, SortedMap<String, ScannedFile> files, Map<String, FileStat> stats) {
        this.checkout = checkout;
        this.files = files;
        this.stats = stats;
    }

    /** The scanned files, with what {@code checkout} knows of them (nothing when it is null). */
    static KnownFiles of(Checkout checkout, SortedMap<String, ScannedFile> scanned) throws IOException {
        if (checkout == null) {
            return new KnownFiles(null, scanned, Map.of());
        }
        SortedMap<String, ScannedFile> files = new TreeMap<>();
        Map<String, FileStat> stats = new HashMap<>();
        for (Map.Entry<String, ScannedFile> e : scanned.entrySet()) {
            ScannedFile file = e.getValue();
            Optional<FileStat> stat = file.stat() != null ? Optional.of(file.stat()) : FileStat.of(file.file());
            if (stat.isPresent()) {
                stats.put(e.getKey(), stat.get());
                Optional<GitTrees.Entry> known = checkout.unchanged(e.getKey(), stat.get());
                if (known.isPresent() && known.get().mode() == file.mode()) {
                    file = file.withKnown(known.get().id());
                }
            }
            files.put(e.getKey(), file);
        }
        return new KnownFiles(checkout, files, stats);
    }

    SortedMap<String, ScannedFile> files() {
        return files;
    }

    /**
     * Tells the checkout what its files hold now: each path of the child's tree that was not ignored holds the child's
     * entry (an editable file as scanned, any other as its parent had it).
     */
    void remember(ChildTree child, boolean nothingElse) throws IOException {
        if (checkout == null) {
            return;
        }
        checkout.holdsExactly(null);
        Set<String> ignored = Set.copyOf(child.ignored());
        Map<String, Checkout.Known> now = new HashMap<>();
        child.entries().forEach((path, entry) -> {
            FileStat stat = stats.get(path);
            ScannedFile file = files.get(path);
            if (stat != null
                    && file != null
                    && entry.mode() != FileMode.GITLINK
                    && entry.mode() == file.mode()
                    && !ignored.contains(path)) {
                now.put(path, new Checkout.Known(entry, stat));
            }
        });
        checkout.known().keySet().retainAll(now.keySet());
        checkout.remember(now);
        // the folder holds the child's tree and nothing else when the scan left nothing out, every file of the tree
        // is there as the tree has it (and known by its stat, so a change from now on shows), and nothing was ignored
        boolean exact = nothingElse
                && child.ignored().isEmpty()
                && files.size() == child.entries().size()
                && child.entries().keySet().stream()
                        .allMatch(p -> checkout.known().containsKey(p));
        if (exact) {
            checkout.holdsExactly(child.entries());
        }
    }
}
