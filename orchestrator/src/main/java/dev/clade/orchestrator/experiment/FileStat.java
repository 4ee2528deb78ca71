package dev.clade.orchestrator.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the kernel says about a file, without reading it, as git's index keeps it: when none of these moved, the
 * content did not either. The change time ({@code ctime}) is the one a process cannot set back: writing, renaming over,
 * linking, {@code chmod} and {@code touch -d} all move it to now. The inode tells a file swapped in from elsewhere.
 */
record FileStat(long size, long modifiedNanos, long changedNanos, long inode, long device, int mode, int links) {

    private static final String ATTRIBUTES = "unix:size,lastModifiedTime,ctime,ino,dev,mode,nlink";
    private static final boolean SUPPORTED = probe();

    /** The file's stat (a symbolic link's own), or empty where the file system gives no change time or inode. */
    static Optional<FileStat> of(Path file) throws IOException {
        if (!SUPPORTED) {
            return Optional.empty();
        }
        return Optional.of(of(Files.readAttributes(file, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS)));
    }

    /** Whether {@link #of} can tell anything here. */
    static boolean supported() {
        return SUPPORTED;
    }

    /** The kind of file and its executable bit as git records them, from {@link #mode}: null for a special file. */
    org.eclipse.jgit.lib.FileMode gitMode() {
        int type = mode & 0170000;
        if (type == 0120000) {
            return org.eclipse.jgit.lib.FileMode.SYMLINK;
        }
        if (type != 0100000) {
            return null;
        }
        return (mode & 0100) != 0
                ? org.eclipse.jgit.lib.FileMode.EXECUTABLE_FILE
                : org.eclipse.jgit.lib.FileMode.REGULAR_FILE;
    }

    private static FileStat of(Map<String, Object> a) {
        return new FileStat(
                (Long) a.get("size"),
                nanos(a.get("lastModifiedTime")),
                nanos(a.get("ctime")),
                (Long) a.get("ino"),
                (Long) a.get("dev"),
                (Integer) a.get("mode"),
                (Integer) a.get("nlink"));
    }

    /**
     * Whether a later change of the file is sure to show in its stat: its change time lies before {@code fence}, a
     * change time read after this stat was taken. A file changed within the same tick of the kernel's clock as the
     * stat ("racily clean", in git's words) could otherwise keep all of these, so it is hashed instead.
     */
    boolean before(long fence) {
        return changedNanos < fence;
    }

    private static long nanos(Object time) {
        return ((FileTime) time).to(TimeUnit.NANOSECONDS);
    }

    private static boolean probe() {
        try {
            Files.readAttributes(Path.of("."), ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            return true;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
