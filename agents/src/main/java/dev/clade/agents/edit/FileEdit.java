package dev.clade.agents.edit;

import java.util.List;
import java.util.Objects;

/** One change to one file, as a model wrote it; {@link EditApplier} decides whether it applies. */
public sealed interface FileEdit {

    /** Repository-relative path, as written by the model (checked when applied). */
    String path();

    /**
     * Replace the text {@code search} with {@code replace}. An empty {@code search} creates a file that does not exist.
     */
    record SearchReplace(String path, String search, String replace) implements FileEdit {
        public SearchReplace {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(search, "search");
            Objects.requireNonNull(replace, "replace");
        }
    }

    /** Write the whole file (created when missing). */
    record WholeFile(String path, String content) implements FileEdit {
        public WholeFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * A unified diff of one file. {@code path} is the file after the change; {@code created} when the old side is
     * {@code /dev/null}, {@code deleted} when the new side is.
     */
    record Patch(String path, List<Hunk> hunks, boolean created, boolean deleted) implements FileEdit {
        public Patch {
            Objects.requireNonNull(path, "path");
            hunks = List.copyOf(hunks);
        }
    }

    /**
     * One hunk of a unified diff.
     *
     * @param oldStart the line (1-based) the hunk says it starts at in the old file; a hint, since models miscount
     * @param oldLines context and removed lines, in order
     * @param newLines context and added lines, in order
     */
    record Hunk(int oldStart, List<String> oldLines, List<String> newLines) {
        public Hunk {
            oldLines = List.copyOf(oldLines);
            newLines = List.copyOf(newLines);
        }
    }
}
