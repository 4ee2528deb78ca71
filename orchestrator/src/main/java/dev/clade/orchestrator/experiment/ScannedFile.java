package dev.clade.orchestrator.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;

/**
 * A file found in a directory, as git would store it: a regular file, an executable file or a symbolic link (whose
 * blob is the link's target).
 */
record ScannedFile(Path file, FileMode mode, ObjectId known, FileStat stat) {

    /** A file whose content is not known yet: it is read when its id is asked for. */
    ScannedFile(Path file, FileMode mode) {
        this(file, mode, null, null);
    }

    /** A file as its scan found it, with the stat read then (null where the file system gives none). */
    ScannedFile(Path file, FileMode mode, FileStat stat) {
        this(file, mode, null, stat);
    }

    ScannedFile {
        Objects.requireNonNull(file, "file");
        if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE && mode != FileMode.SYMLINK) {
            throw new IllegalArgumentException("not a file mode git stores for " + file + ": " + mode);
        }
    }

    /** The same file, known to hold the blob {@code id} (its stat has not moved since it was written or read). */
    ScannedFile withKnown(ObjectId id) {
        return new ScannedFile(file, mode, id, stat);
    }

    /** The blob id of the content, without storing it: read and hashed unless it is known. */
    ObjectId hash() {
        if (known != null) {
            return known;
        }
        ObjectInserter.Formatter formatter = new ObjectInserter.Formatter();
        return write((bytes) -> formatter.idFor(Constants.OBJ_BLOB, bytes), formatter::idFor);
    }

    /** Stores the content as a blob and returns its id (always read: a known blob is in the repository already). */
    ObjectId insert(ObjectInserter inserter) {
        return write((bytes) -> inserter.insert(Constants.OBJ_BLOB, bytes), inserter::insert);
    }

    private interface BytesSink {
        ObjectId accept(byte[] bytes) throws IOException;
    }

    private interface StreamSink {
        ObjectId accept(int type, long length, InputStream in) throws IOException;
    }

    private ObjectId write(BytesSink bytes, StreamSink stream) {
        try {
            if (mode == FileMode.SYMLINK) {
                return bytes.accept(Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8));
            }
            try (InputStream in = Files.newInputStream(file)) {
                return stream.accept(Constants.OBJ_BLOB, Files.size(file), in);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ExperimentException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
