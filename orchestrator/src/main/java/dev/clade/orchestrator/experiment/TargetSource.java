package dev.clade.orchestrator.experiment;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FS;

/** Where a target comes from, as {@link ExperimentRepository#importTarget} reads its source and ref. */
sealed interface TargetSource {

    String IMPORTS = "refs/clade/imports/";

    /**
     * A repository to fetch from: {@code scheme://...} or scp-like {@code user@host:path}. The ref may be {@code
     * HEAD}, a branch, a tag or a full ref name, or a full commit id where the server allows that.
     */
    record GitUrl(String url, String ref) implements TargetSource {}

    /**
     * A local git repository: the top of a working tree with {@code .git} (a folder or a file) or a bare repository.
     * The ref is resolved there (any revision git accepts: branch, tag, commit id, {@code HEAD~1}) and fetched. Only
     * committed content is imported: uncommitted and untracked changes in that directory are <b>not</b>.
     */
    record LocalRepository(Path dir, String ref) implements TargetSource {}

    /**
     * Any other directory (such as a sub-folder of a repository), imported as a snapshot of its files as a root commit,
     * skipping {@code .git}, {@code __pycache__} and what its {@code .gitignore} files ignore. Identity {@code Clade
     * <clade@localhost>} and time (epoch 0, UTC) are fixed, so the same content imports as the same commit id. The
     * experiment repository and the Clade home it belongs to are left out when they lie in the directory.
     */
    record PlainDirectory(Path dir) implements TargetSource {}

    /**
     * Classifies a source; ref null or blank means {@code HEAD}.
     *
     * @throws ExperimentException naming the source when the path is missing or not a directory, or when a ref other
     *     than {@code HEAD} is asked of a directory that is not a repository
     */
    static TargetSource of(String source, String ref) {
        Objects.requireNonNull(source, "source");
        String wanted = ref == null || ref.isBlank() ? Constants.HEAD : ref.strip();
        if (isUrl(source)) {
            return new GitUrl(source, wanted);
        }
        Path dir;
        try {
            dir = Path.of(source);
        } catch (InvalidPathException e) {
            throw new ExperimentException("Target is neither a git URL nor a valid path: " + source, e);
        }
        if (!Files.exists(dir)) {
            throw new ExperimentException("Target path does not exist: " + source);
        }
        if (!Files.isDirectory(dir)) {
            throw new ExperimentException("Target path is not a directory: " + source);
        }
        if (Files.exists(dir.resolve(Constants.DOT_GIT))
                || RepositoryCache.FileKey.isGitRepository(dir.toFile(), FS.DETECTED)) {
            return new LocalRepository(dir, wanted);
        }
        if (!wanted.equals(Constants.HEAD)) {
            throw new ExperimentException("Target " + source + " is not a git repository, so ref '" + ref
                    + "' cannot be imported from it; give no ref to import its files as they are");
        }
        return new PlainDirectory(dir);
    }

    static boolean isUrl(String source) {
        return source.contains("://") || Pattern.matches("[\\w.+-]+@[\\w.-]+:.+", source);
    }

    /** The source for messages and logs, without a password a URL may carry. */
    default String shown() {
        return switch (this) {
            case GitUrl git -> redacted(git.url());
            case LocalRepository local -> local.dir().toString();
            case PlainDirectory plain -> plain.dir().toString();
        };
    }

    /** Where the import is kept: refs/clade/imports/ and one safe component made of the source's name and the ref. */
    default String importRef() {
        return switch (this) {
            case GitUrl git -> importRef(humanishName(git.url()) + "-" + git.ref());
            case LocalRepository local -> importRef(label(local.dir()) + "-" + local.ref());
            case PlainDirectory plain -> importRef(label(plain.dir()));
        };
    }

    private static String importRef(String raw) {
        String safe = raw.replaceAll("[^A-Za-z0-9._-]+", "_")
                .replaceAll("\\.{2,}", "_")
                .replaceAll("^[.-]+", "")
                .replaceAll("\\.lock$", "_lock")
                .replaceAll("\\.$", "_");
        String name = IMPORTS + (safe.isEmpty() ? "import" : safe);
        return Repository.isValidRefName(name) ? name : IMPORTS + "import";
    }

    private static String label(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? "root" : name.toString();
    }

    private static String humanishName(String url) {
        try {
            return new URIish(url).getHumanishName();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "remote";
        }
    }

    /** The URL with its password, if any, replaced by {@code ***}. */
    static String redacted(String url) {
        try {
            URIish uri = new URIish(url);
            return uri.getPass() == null ? url : uri.setPass("***").toString();
        } catch (URISyntaxException e) {
            return url;
        }
    }
}
