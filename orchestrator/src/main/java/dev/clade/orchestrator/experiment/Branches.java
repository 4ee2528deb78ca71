package dev.clade.orchestrator.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/** The experiments' branches in the bare repository: their names, heads, deletion and stale lock files. */
final class Branches {

    private final Repository repository;
    private final Path directory;

    Branches(Repository repository, Path directory) {
        this.repository = repository;
        this.directory = directory;
    }

    /** The full ref name of a branch; a name git would refuse is an {@link IllegalArgumentException}. */
    static String ref(String branch) {
        Objects.requireNonNull(branch, "branch");
        String refName = Constants.R_HEADS + branch;
        if (branch.isBlank() || !Repository.isValidRefName(refName)) {
            throw new IllegalArgumentException("Not a valid branch name: '" + branch + "'");
        }
        return refName;
    }

    /**
     * Deletes the lock files that a process killed while it moved a branch left behind, for the branches under {@code
     * prefix} ({@code clade/<campaign>/}): git refuses to move a branch whose lock file exists. Only the process that
     * holds a campaign's lease writes its branches, so when it starts, any lock of theirs is stale. Returns how many were
     * deleted.
     */
    int clearStaleLocks(String prefix) {
        Path refs = directory.resolve(Constants.R_HEADS).resolve(prefix);
        if (!Files.isDirectory(refs)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(refs)) {
            int deleted = 0;
            for (Path lock : walk.filter(p -> p.getFileName().toString().endsWith(".lock"))
                    .toList()) {
                if (Files.deleteIfExists(lock)) {
                    deleted++;
                }
            }
            return deleted;
        } catch (IOException e) {
            throw new ExperimentException("Cannot clear the stale ref locks under " + refs + ": " + e, e);
        }
    }

    /** Deletes the branch if it exists (an experiment whose commit was rejected and that ended invalid). */
    void delete(String branch) {
        try {
            if (repository.exactRef(ref(branch)) == null) {
                return;
            }
            RefUpdate update = repository.updateRef(ref(branch));
            update.setForceUpdate(true);
            RefUpdate.Result result = update.delete();
            if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE) {
                throw new ExperimentException("Cannot delete branch " + branch + ": " + result);
            }
        } catch (IOException e) {
            throw new ExperimentException("Cannot delete branch " + branch + ": " + e, e);
        }
    }

    /** The commit the branch points to, if the branch exists. */
    Optional<ObjectId> head(String branch) {
        try {
            Ref ref = repository.exactRef(ref(branch));
            return Optional.ofNullable(ref).map(Ref::getObjectId);
        } catch (IOException e) {
            throw new ExperimentException("Cannot read branch " + branch + ": " + e, e);
        }
    }

    /** The names of branches (without {@code refs/heads/}) that start with prefix, sorted; "" lists them all. */
    List<String> list(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        try {
            return repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS + prefix).stream()
                    .map(ref -> ref.getName().substring(Constants.R_HEADS.length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ExperimentException("Cannot list branches starting with " + prefix + ": " + e, e);
        }
    }
}
