package dev.clade.orchestrator.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A folder that is used again and again for checkouts of different commits (one per worker of a campaign): {@link
 * ExperimentRepository#checkout} brings it to a commit by deleting and writing only the files that differ, instead of
 * writing the whole tree into a fresh folder. It remembers, for every file it wrote or read, the blob the file held and
 * the file's {@link FileStat}; a file whose stat has not moved since is known to hold that blob without being read, and
 * everything else is read or rewritten. Not thread-safe: one user at a time.
 */
public final class Checkout {

    /** A file as it was last written or verified: its tree entry and its stat then. */
    record Known(GitTrees.Entry entry, FileStat stat) {}

    private final Path dir;
    private final Path fence;
    private final Map<String, Known> known = new HashMap<>();
    /** The tree the folder holds exactly, as a commit's scan found it; null when unknown. */
    private java.util.SortedMap<String, GitTrees.Entry> exactly;

    /** A checkout in {@code dir}; whatever the folder holds is cleared by the first {@link ExperimentRepository#checkout}. */
    public Checkout(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
        this.fence = this.dir.resolveSibling(this.dir.getFileName() + ".fence");
    }

    public Path dir() {
        return dir;
    }

    /** The blob a file is known to hold, when its stat has not moved since it was written or read. */
    Optional<GitTrees.Entry> unchanged(String path, FileStat stat) {
        Known k = known.get(path);
        return k != null && k.stat().equals(stat) ? Optional.of(k.entry()) : Optional.empty();
    }

    Map<String, Known> known() {
        return known;
    }

    /**
     * Records that the folder holds exactly {@code tree} (a commit's scan found nothing else, and every file known), so
     * that a checkout of that tree right after needs no walk; any other use of the folder forgets it.
     */
    void holdsExactly(java.util.SortedMap<String, GitTrees.Entry> tree) {
        exactly = tree;
    }

    /** Whether the folder is known to hold exactly {@code tree}; the knowledge is used up. */
    boolean takeExactly(java.util.SortedMap<String, GitTrees.Entry> tree) {
        boolean same = exactly != null && exactly.equals(tree);
        exactly = null;
        return same;
    }

    /** Forgets everything: the next checkout rewrites every file. */
    void forget() {
        exactly = null;
        known.clear();
    }

    /**
     * Records the files just written or read, keeping only those whose stat will show any later change (see {@link
     * FileStat#before}): the fence's change time is read after all of their stats.
     */
    void remember(Map<String, Known> files) throws IOException {
        if (files.isEmpty()) {
            return;
        }
        long now = fenceTime();
        files.forEach((path, k) -> {
            if (k.stat().before(now)) {
                known.put(path, k);
            } else {
                known.remove(path);
            }
        });
    }

    private long fenceTime() throws IOException {
        if (!Files.exists(fence)) {
            Files.createDirectories(fence.getParent());
            Files.createFile(fence);
        }
        Files.setLastModifiedTime(fence, FileTime.from(Instant.now())); // moves its change time to the kernel's now
        return FileStat.of(fence)
                .map(FileStat::changedNanos)
                .orElse(FileTime.from(Instant.now()).to(TimeUnit.NANOSECONDS));
    }

    /** Deletes the folder and what the checkout knew. */
    public void delete() {
        forget();
        Folders.delete(dir);
        try {
            Files.deleteIfExists(fence);
        } catch (IOException e) {
            // the marker is an empty file beside the folder; a later checkout of the same folder reuses it
        }
    }
}
