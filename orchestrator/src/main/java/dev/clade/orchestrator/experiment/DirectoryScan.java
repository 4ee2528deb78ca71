package dev.clade.orchestrator.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.ignore.IgnoreNode;
import org.eclipse.jgit.lib.FileMode;

/**
 * Lists the files of a directory the way git would see them. Skips {@code .git} everywhere, {@code __pycache__}
 * directories, and whatever the directory's own {@code .gitignore} files ignore, except tracked paths, which are never
 * ignored (as in git). Special files (sockets, pipes, devices) and empty directories are not listed; symbolic links
 * are listed as links and never followed.
 */
final class DirectoryScan {

    private static final String PYCACHE = "__pycache__";

    private record Scope(String directory, IgnoreNode rules) {}

    private DirectoryScan() {}

    /**
     * The files under root, keyed by repository-relative path with {@code /} separators, sorted.
     *
     * @param tracked paths that are listed even when ignore rules would skip them
     */
    static SortedMap<String, ScannedFile> scan(Path root, Set<String> tracked) {
        return scan(root, tracked, Set.of());
    }

    /**
     * As {@link #scan(Path, Set)}, never entering the folders {@code skipped} (nor opening a file in them), wherever
     * they lie under root.
     */
    static SortedMap<String, ScannedFile> scan(Path root, Set<String> tracked, Set<Path> skipped) {
        return scan(root, tracked, skipped, new int[1]);
    }

    /**
     * As {@link #scan(Path, Set, Set)}, counting in {@code leftOut[0]} the files and folders it did not list: ignored,
     * {@code .git}, {@code __pycache__}, special files.
     */
    static SortedMap<String, ScannedFile> scan(Path root, Set<String> tracked, Set<Path> skipped, int[] leftOut) {
        Set<Path> skippedFolders = realPaths(skipped);
        Set<String> trackedDirectories = new HashSet<>();
        for (String path : tracked) {
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                trackedDirectories.add(path.substring(0, slash));
            }
        }
        SortedMap<String, ScannedFile> files = new TreeMap<>();
        Deque<Scope> scopes = new ArrayDeque<>();
        try {
            Path top = root.toRealPath(); // a root given as a symbolic link is still walked as a directory
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    String path = relative(top, dir);
                    if (!path.isEmpty()) {
                        String name = dir.getFileName().toString();
                        boolean ignoredHere = name.equals(PYCACHE) || ignored(scopes, path, true);
                        if (name.equals(".git")
                                || skippedFolders.contains(dir)
                                || (ignoredHere && !trackedDirectories.contains(path))) {
                            leftOut[0]++;
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                    }
                    scopes.push(new Scope(path, rules(dir.resolve(".gitignore"))));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    scopes.pop();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    String path = relative(top, file);
                    // one stat gives both the kind of file and what a checkout compares (see FileStat)
                    FileStat stat = FileStat.of(file).orElse(null);
                    FileMode mode = stat != null ? stat.gitMode() : modeOf(file, attributes);
                    boolean listed = tracked.contains(path) || !ignored(scopes, path, false);
                    if (mode != null && listed && !file.getFileName().toString().equals(".git")) {
                        files.put(path, new ScannedFile(file, mode, stat));
                    } else {
                        leftOut[0]++;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new ExperimentException("Cannot list the files of " + root + ": " + e, e);
        }
        return files;
    }

    private static Set<Path> realPaths(Set<Path> folders) {
        Set<Path> real = new HashSet<>();
        for (Path folder : folders) {
            try {
                real.add(folder.toRealPath());
            } catch (IOException e) {
                // a folder that does not exist cannot be walked into
            }
        }
        return real;
    }

    /** The kind of a file as git records it, from a walk's attributes: null for a special file or a folder. */
    static FileMode modeOf(Path file, BasicFileAttributes attributes) throws IOException {
        if (attributes.isSymbolicLink()) {
            return FileMode.SYMLINK;
        }
        if (!attributes.isRegularFile()) {
            return null;
        }
        return executable(file) ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE;
    }

    /** Whether the owner may execute the file, which is what git records; false where permissions are not POSIX. */
    static boolean executable(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                    .contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean ignored(Deque<Scope> scopes, String path, boolean directory) {
        for (Scope scope : scopes) { // innermost first: the nearest .gitignore decides, as in git
            String inside = scope.directory().isEmpty()
                    ? path
                    : path.substring(scope.directory().length() + 1);
            Boolean ignored = scope.rules().checkIgnored(inside, directory);
            if (ignored != null) {
                return ignored;
            }
        }
        return false;
    }

    private static IgnoreNode rules(Path gitignore) throws IOException {
        IgnoreNode rules = new IgnoreNode();
        if (Files.isRegularFile(gitignore)) {
            try (InputStream in = Files.newInputStream(gitignore)) {
                rules.parse(gitignore.toString(), in);
            }
        }
        return rules;
    }

    /** The path of {@code path} under {@code root}, with {@code /} separators. */
    static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }
}
