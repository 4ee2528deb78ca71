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
record ScannedFile(Path file, FileMode mode) {

    ScannedFile {
        Objects.requireNonNull(file, "file");
        if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE && mode != FileMode.SYMLINK) {
            throw new IllegalArgumentException("not a file mode git stores for " + file + ": " + mode);
        }
    }

    /** The blob id of the content, without storing it. */
    ObjectId hash() {
        ObjectInserter.Formatter formatter = new ObjectInserter.Formatter();
        return write((bytes) -> formatter.idFor(Constants.OBJ_BLOB, bytes), formatter::idFor);
    }

    /** Stores the content as a blob and returns its id. */
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
