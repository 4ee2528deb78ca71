package dev.clade.orchestrator.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/** Pushes branches of an experiment repository to a remote ({@code clade export}). */
final class BranchPush {

    private BranchPush() {}

    /**
     * Pushes each of {@code refs} (full branch ref names) to the ref of the same name; returns how each went, by branch
     * name ("ok", "up to date", or why the remote refused it).
     */
    static Map<String, String> push(Repository repository, String remote, List<String> refs) {
        Map<String, String> outcome = new LinkedHashMap<>();
        try (Git git = Git.wrap(repository)) {
            List<RefSpec> specs =
                    refs.stream().map(ref -> new RefSpec(ref + ":" + ref)).toList();
            for (PushResult result :
                    git.push().setRemote(remote).setRefSpecs(specs).call()) {
                for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                    String branch = update.getRemoteName().substring(Constants.R_HEADS.length());
                    outcome.put(
                            branch,
                            switch (update.getStatus()) {
                                case OK -> "ok";
                                case UP_TO_DATE -> "up to date";
                                default ->
                                    update.getStatus()
                                                    .name()
                                                    .toLowerCase(Locale.ROOT)
                                                    .replace('_', ' ')
                                            + (update.getMessage() == null ? "" : ": " + update.getMessage());
                            });
                }
            }
        } catch (GitAPIException e) {
            throw new ExperimentException("Cannot push to " + TargetSource.redacted(remote) + ": " + e.getMessage(), e);
        }
        return outcome;
    }
}
