package dev.clade.orchestrator.experiment;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Writes a tree into a directory: files with their executable bit, symbolic links as links (as files holding the
 * target where links are not supported), gitlinks (submodules) as empty directories.
 */
final class TreeExport {

    private static final Map<PosixFilePermission, PosixFilePermission> EXECUTE_IF_READ = Map.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);

    private TreeExport() {}

    static void write(ObjectReader reader, Map<String, GitTrees.Entry> entries, Path dir) throws IOException {
        prepare(dir);
        Path top = dir.toAbsolutePath().normalize();
        for (Map.Entry<String, GitTrees.Entry> entry : entries.entrySet()) {
            writeEntry(reader, top, entry.getKey(), entry.getValue());
        }
    }

    /**
     * Writes one entry under {@code top} (an absolute, normalised folder), creating its folders; the path must not
     * exist yet. Returns the written file.
     */
    static Path writeEntry(ObjectReader reader, Path top, String path, GitTrees.Entry entry) throws IOException {
        Path target = top.resolve(path).normalize();
        if (!target.startsWith(top) || target.equals(top) || namesGitFolder(path)) {
            throw new ExperimentException(
                    "Refusing to export '" + path + "' into " + top + ": git itself never checks out such a path");
        }
        Files.createDirectories(target.getParent());
        FileMode mode = entry.mode();
        if (mode == FileMode.GITLINK) {
            Files.createDirectories(target);
        } else if (mode == FileMode.SYMLINK) {
            byte[] link = reader.open(entry.id(), Constants.OBJ_BLOB).getBytes();
            symlink(target, new String(link, StandardCharsets.UTF_8));
        } else {
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                reader.open(entry.id(), Constants.OBJ_BLOB).copyTo(out);
            }
            if (mode == FileMode.EXECUTABLE_FILE) {
                makeExecutable(target);
            }
        }
        return target;
    }

    private static boolean namesGitFolder(String path) {
        for (String name : path.split("/")) {
            if (name.equalsIgnoreCase(".git")) {
                return true;
            }
        }
        return false;
    }

    private static void prepare(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> children = Files.list(dir)) {
                if (children.findAny().isPresent()) {
                    throw new ExperimentException("Export directory is not empty: " + dir);
                }
            }
        } else if (Files.exists(dir)) {
            throw new ExperimentException("Export directory is a file: " + dir);
        } else {
            Files.createDirectories(dir);
        }
    }

    private static void symlink(Path target, String link) throws IOException {
        try {
            Files.createSymbolicLink(target, target.getFileSystem().getPath(link));
        } catch (UnsupportedOperationException e) {
            Files.writeString(target, link, StandardOpenOption.CREATE_NEW); // what git does without link support
        }
    }

    /** Adds an execute bit wherever there is a read bit, as git does on checkout (0644 becomes 0755). */
    private static void makeExecutable(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
            permissions.addAll(Files.getPosixFilePermissions(file));
            EXECUTE_IF_READ.forEach((read, execute) -> {
                if (permissions.contains(read)) {
                    permissions.add(execute);
                }
            });
            Files.setPosixFilePermissions(file, permissions);
        } catch (UnsupportedOperationException e) {
            file.toFile().setExecutable(true);
        }
    }
}
