package dev.clade.orchestrator.experiment;

import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What {@link ExperimentRepository#commitChild} did with a directory. Every variant carries {@code ignoredPaths}: the
 * repository-relative paths that differ from the parent but are not editable, so were left as in the parent (sorted).
 */
public sealed interface CommitOutcome {

    /** Paths changed outside the editable set and therefore not committed; sorted, possibly empty. */
    List<String> ignoredPaths();

    /**
     * A new commit was written and its branch points to it.
     *
     * @param commit the new commit, a child of the parent
     * @param changedPaths editable paths added, modified (content or executable bit) or deleted; sorted, never empty
     * @param ignoredPaths paths that differ from the parent but were not committed
     */
    record Committed(ObjectId commit, List<String> changedPaths, List<String> ignoredPaths) implements CommitOutcome {
        public Committed {
            Objects.requireNonNull(commit, "commit");
            changedPaths = List.copyOf(changedPaths);
            ignoredPaths = List.copyOf(ignoredPaths);
            if (changedPaths.isEmpty()) {
                throw new IllegalArgumentException("a committed child changes at least one path");
            }
        }
    }

    /**
     * The editable content is identical to the parent's: nothing was committed and no branch was created or moved.
     *
     * @param ignoredPaths paths that differ from the parent but are not editable
     */
    record NoChange(List<String> ignoredPaths) implements CommitOutcome {
        public NoChange {
            ignoredPaths = List.copyOf(ignoredPaths);
        }
    }

    /**
     * The directory holds symbolic links, on editable paths the proposal added or changed, that lead out of a checkout
     * of the child (see {@link OutwardLinks}): nothing was committed and no branch was created or moved.
     *
     * @param outwardLinks the links, sorted, never empty
     * @param ignoredPaths paths that differ from the parent but are not editable
     */
    record Refused(List<String> outwardLinks, List<String> ignoredPaths) implements CommitOutcome {
        public Refused {
            outwardLinks = List.copyOf(outwardLinks);
            ignoredPaths = List.copyOf(ignoredPaths);
            if (outwardLinks.isEmpty()) {
                throw new IllegalArgumentException("a refused child names at least one link");
            }
        }

        /** Why, in one line that names the links. */
        public String reason() {
            return "symbolic links that lead out of the checkout are never committed: "
                    + String.join(", ", outwardLinks);
        }
    }
}
