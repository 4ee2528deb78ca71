package dev.clade.orchestrator.experiment;

import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/** Shallow clones of git repositories that are read, not experimented on (knowledge sources). */
public final class Clones {

    private static final int TIMEOUT_SECONDS = 120;

    private Clones() {}

    /** Clones the default branch of {@code url} into {@code dir} (which must not exist), one commit deep. */
    public static void shallow(String url, Path dir) {
        try (Git ignored = Git.cloneRepository()
                .setURI(url)
                .setDirectory(dir.toFile())
                .setDepth(1)
                .setTimeout(TIMEOUT_SECONDS)
                .call()) {
            // the clone is on disk; nothing else to do with it here
        } catch (GitAPIException | RuntimeException e) {
            throw new ExperimentException("Cannot clone " + shown(url) + ": " + e.getMessage(), e);
        }
    }

    /** The URL with its password, if any, replaced by {@code ***}. */
    public static String shown(String url) {
        return TargetSource.redacted(url);
    }
}
