package dev.clade.orchestrator.experiment;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Brings a {@link Checkout} to a tree: every file, link, folder or special file that the tree does not hold as it is
 * there is deleted (a changed file is unlinked and written anew, never rewritten in place, so a hard link a stage made
 * to it elsewhere keeps the old inode), and what is missing is written. The result is the folder a fresh export would
 * give, except for the times of the files that did not change. When anything goes wrong on the way (a folder a stage
 * made unreadable), the folder is deleted and exported whole.
 */
final class CheckoutSync {

    private CheckoutSync() {}

    static void sync(ObjectReader reader, SortedMap<String, GitTrees.Entry> entries, Checkout checkout)
            throws IOException {
        if (checkout.takeExactly(entries)) {
            return; // the commit just scanned it: nothing else has touched it since
        }
        try {
            incremental(reader, entries, checkout);
        } catch (IOException | RuntimeException e) {
            checkout.forget();
            Folders.delete(checkout.dir());
            incremental(reader, entries, checkout);
        }
    }

    private static void incremental(ObjectReader reader, SortedMap<String, GitTrees.Entry> entries, Checkout checkout)
            throws IOException {
        Path top = checkout.dir();
        if (Files.isSymbolicLink(top) || (Files.exists(top, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(top))) {
            Files.delete(top);
        }
        if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
            checkout.forget();
            Files.createDirectories(top);
        }
        usable(top);
        Walk walk = new Walk(entries, checkout);
        if (FileStat.supported()) {
            walk.folder(top, "");
        } else {
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    String path = DirectoryScan.relative(top, dir);
                    return path.isEmpty() || walk.keepFolder(dir, path)
                            ? FileVisitResult.CONTINUE
                            : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    walk.file(file, DirectoryScan.relative(top, file), null, DirectoryScan.modeOf(file, attributes));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                    throw failure;
                }
            });
        }
        Set<String> kept = walk.kept;
        checkout.known().keySet().retainAll(kept);
        Map<String, Checkout.Known> written = new HashMap<>(walk.verified);
        for (Map.Entry<String, GitTrees.Entry> e : entries.entrySet()) {
            if (kept.contains(e.getKey())) {
                continue;
            }
            Path file = TreeExport.writeEntry(reader, top, e.getKey(), e.getValue());
            if (e.getValue().mode() != FileMode.GITLINK) {
                FileStat.of(file).ifPresent(stat -> written.put(e.getKey(), new Checkout.Known(e.getValue(), stat)));
            }
        }
        checkout.remember(written);
    }

    /**
     * What one sync finds in the folder, entry by entry: a file or folder that the tree holds as it is stays, anything
     * else is deleted. With stats, the folder is read with one stat per entry (the stat tells folders from files).
     */
    private static final class Walk {
        final SortedMap<String, GitTrees.Entry> entries;
        final Checkout checkout;
        final Set<String> folders;
        final Set<String> kept = new HashSet<>();
        final Map<String, Checkout.Known> verified = new HashMap<>();

        Walk(SortedMap<String, GitTrees.Entry> entries, Checkout checkout) {
            this.entries = entries;
            this.checkout = checkout;
            this.folders = CheckoutSync.folders(entries);
        }

        /** Walks a folder that stays, entry by entry. */
        void folder(Path dir, String path) throws IOException {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> list = Files.newDirectoryStream(dir)) {
                list.forEach(children::add);
            }
            for (Path child : children) {
                String name = child.getFileName().toString();
                String rel = path.isEmpty() ? name : path + "/" + name;
                FileStat stat = FileStat.of(child).orElseThrow();
                if ((stat.mode() & 0170000) == 0040000) {
                    if (keepFolder(child, rel)) {
                        folder(child, rel);
                    }
                } else {
                    file(child, rel, stat, stat.gitMode());
                }
            }
        }

        /** Whether a folder stays (the tree has files in it, or it is a submodule); deletes it otherwise. */
        boolean keepFolder(Path dir, String path) throws IOException {
            GitTrees.Entry entry = entries.get(path);
            boolean gitlink = entry != null && entry.mode() == FileMode.GITLINK;
            if (!gitlink && (entry != null || !folders.contains(path))) {
                Folders.delete(dir);
                return false;
            }
            if (gitlink) {
                kept.add(path);
            }
            usable(dir);
            return true;
        }

        /**
         * Keeps a file the tree holds as it is (known by its stat, or read when its stat cannot be trusted yet), deletes
         * it otherwise; {@code mode} is null for a special file.
         */
        void file(Path file, String path, FileStat known, FileMode mode) throws IOException {
            GitTrees.Entry entry = entries.get(path);
            if (entry != null && entry.mode() != FileMode.GITLINK && mode != null) {
                Optional<FileStat> stat = known != null ? Optional.of(known) : FileStat.of(file);
                if (stat.isPresent()
                        && checkout.unchanged(path, stat.get())
                                .filter(entry::equals)
                                .isPresent()) {
                    kept.add(path);
                    return;
                }
                if (mode == entry.mode() && new ScannedFile(file, mode).hash().equals(entry.id())) {
                    kept.add(path); // not known (written too recently to trust its stat): read, and the same
                    stat.ifPresent(s -> verified.put(path, new Checkout.Known(entry, s)));
                    return;
                }
            }
            Files.delete(file);
        }
    }

    /** Every folder that holds an entry of the tree. */
    private static Set<String> folders(SortedMap<String, GitTrees.Entry> entries) {
        Set<String> folders = new HashSet<>();
        entries.keySet().forEach(path -> folders.addAll(ChildTree.folders(path)));
        return folders;
    }

    /** A folder a stage made unwritable or unreadable for its owner is opened up again, as a fresh export has it. */
    private static void usable(Path dir) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (!permissions.containsAll(Set.of(
                    PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE))) {
                permissions.add(PosixFilePermission.OWNER_READ);
                permissions.add(PosixFilePermission.OWNER_WRITE);
                permissions.add(PosixFilePermission.OWNER_EXECUTE);
                Files.setPosixFilePermissions(dir, permissions);
            }
        } catch (UnsupportedOperationException e) {
            // no POSIX permissions: nothing a stage could have closed
        }
    }
}
