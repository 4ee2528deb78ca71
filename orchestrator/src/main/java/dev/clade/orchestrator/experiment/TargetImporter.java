package dev.clade.orchestrator.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.jboss.logging.Logger;

/**
 * Brings a target into the experiment repository and keeps it under {@code refs/clade/imports/}. Fetches never write
 * into the source; a ref is resolved first (JGit fetches objects for a bare commit id but sets no ref for it), then
 * its commit is fetched and the import ref set here.
 */
final class TargetImporter {

    static final String SNAPSHOT_MESSAGE = "Import target snapshot\n";

    private static final Logger LOG = Logger.getLogger(TargetImporter.class);
    private static final Pattern FULL_OBJECT_ID = Pattern.compile("[0-9a-fA-F]{40}|[0-9a-fA-F]{64}");
    private static final int TIMEOUT_SECONDS = 300;

    private final Repository repository;
    private final Set<Path> neverImported;

    /** @param neverImported folders a snapshot leaves out when they lie in the target: the repository, Clade's home */
    TargetImporter(Repository repository, Set<Path> neverImported) {
        this.repository = repository;
        this.neverImported = Set.copyOf(neverImported);
    }

    /** Imports the source and returns its commit; see {@link ExperimentRepository#importTarget(String, String)}. */
    ObjectId importTarget(TargetSource source, ImportLimits limits) throws IOException {
        ObjectId commit = switch (source) {
            case TargetSource.GitUrl git -> importRemote(git);
            case TargetSource.LocalRepository local -> importLocal(local);
            case TargetSource.PlainDirectory plain -> importSnapshot(plain.dir(), limits);
        };
        GitTrees.setRef(repository, source.importRef(), commit);
        LOG.infof("Imported %s as %s (%s)", source.shown(), commit.name(), source.importRef());
        return commit;
    }

    private ObjectId importRemote(TargetSource.GitUrl source) {
        String ref = source.ref();
        Collection<Ref> advertised;
        try {
            advertised = Git.lsRemoteRepository()
                    .setRemote(source.url())
                    .setTimeout(TIMEOUT_SECONDS)
                    .call();
        } catch (GitAPIException | RuntimeException e) {
            throw new ExperimentException("Cannot read the refs of " + source.shown() + ": " + e.getMessage(), e);
        }
        Ref match = find(advertised, ref);
        if (match == null && !FULL_OBJECT_ID.matcher(ref).matches()) {
            throw new ExperimentException("Unknown ref '" + ref + "' in " + source.shown());
        }
        String wanted = match == null ? ref.toLowerCase() : match.getName();
        fetch(source.url(), wanted, source);
        return peel(match == null ? ObjectId.fromString(wanted) : match.getObjectId(), source);
    }

    private ObjectId importLocal(TargetSource.LocalRepository source) throws IOException {
        Path dir = source.dir();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
        if (Files.exists(dir.resolve(Constants.DOT_GIT))) {
            builder.setWorkTree(dir.toFile()); // also follows a .git file (worktrees, submodules)
        } else {
            builder.setGitDir(dir.toFile()).setBare();
        }
        ObjectId commit;
        try (Repository local = builder.build()) {
            commit = local.resolve(source.ref() + "^{commit}");
        } catch (RevisionSyntaxException | IOException e) {
            throw new ExperimentException(
                    "Cannot resolve ref '" + source.ref() + "' in " + source.shown() + ": " + e.getMessage(), e);
        }
        if (commit == null) {
            throw new ExperimentException("Unknown ref '" + source.ref() + "' in " + source.shown());
        }
        if (!repository.getObjectDatabase().has(commit)) {
            fetch(dir.toAbsolutePath().toString(), commit.name(), source);
        }
        return peel(commit, source);
    }

    private ObjectId importSnapshot(Path dir, ImportLimits limits) throws IOException {
        SortedMap<String, ScannedFile> files = within(dir, DirectoryScan.scan(dir, Set.of(), neverImported), limits);
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            SortedMap<String, GitTrees.Entry> entries = new TreeMap<>();
            files.forEach((path, file) -> entries.put(path, new GitTrees.Entry(file.mode(), file.insert(inserter))));
            ObjectId tree = GitTrees.write(inserter, entries);
            // A fixed identity, time and message: the same content always imports as the same commit.
            ObjectId commit = GitTrees.commit(inserter, tree, null, Instant.EPOCH, SNAPSHOT_MESSAGE);
            inserter.flush();
            return commit;
        }
    }

    /**
     * The files of a snapshot less the symbolic links that point out of the folder (or are absolute), which a checkout
     * would turn into a way out of it; refuses a folder past the limits before anything is stored.
     */
    static SortedMap<String, ScannedFile> within(Path dir, SortedMap<String, ScannedFile> files, ImportLimits limits)
            throws IOException {
        if (files.size() > limits.maxFiles()) {
            throw new ExperimentException("Cannot import " + dir + ": it has more than " + limits.maxFiles()
                    + " files (clade.import.max-files); name the folder of the program, not a whole disk");
        }
        SortedMap<String, ScannedFile> kept = new TreeMap<>();
        long bytes = 0;
        Path top = dir.toRealPath();
        for (var e : files.entrySet()) {
            Path file = e.getValue().file();
            if (e.getValue().mode() == org.eclipse.jgit.lib.FileMode.SYMLINK) {
                Path target = Files.readSymbolicLink(file);
                if (target.isAbsolute() || !staysInside(top, top.resolve(e.getKey()), target)) {
                    LOG.infof("Import of %s skips %s: a link out of the folder (to %s)", dir, e.getKey(), target);
                    continue;
                }
            } else {
                bytes += Files.size(file);
            }
            if (bytes > limits.maxBytes()) {
                throw new ExperimentException("Cannot import " + dir + ": its files hold more than " + limits.maxBytes()
                        + " bytes (clade.import.max-bytes); name the folder of the program, not a whole disk");
            }
            kept.put(e.getKey(), e.getValue());
        }
        return kept;
    }

    /**
     * Whether a link resolves inside {@code top}: as the kernel resolves it (links inside it followed, so that {@code
     * x -> .} then {@code y -> x/x/../../..} is caught), or, for a dangling link, as written.
     */
    private static boolean staysInside(Path top, Path link, Path target) {
        try {
            return link.toRealPath().startsWith(top);
        } catch (IOException e) {
            return link.getParent().resolve(target).normalize().startsWith(top);
        }
    }

    private void fetch(String uri, String wanted, TargetSource source) {
        try (Git git = Git.wrap(repository)) {
            git.fetch()
                    .setRemote(uri)
                    .setRefSpecs(new RefSpec(wanted))
                    .setTagOpt(TagOpt.NO_TAGS)
                    .setTimeout(TIMEOUT_SECONDS)
                    .call();
        } catch (GitAPIException | RuntimeException e) {
            throw new ExperimentException(
                    "Cannot fetch '" + wanted + "' from " + source.shown() + ": " + e.getMessage(), e);
        }
    }

    /** The commit an id names, peeling annotated tags. */
    private ObjectId peel(ObjectId id, TargetSource source) {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(id).copy();
        } catch (IOException e) {
            throw new ExperimentException(
                    "'" + id.name() + "' from " + source.shown() + " is not a commit: " + e.getMessage(), e);
        }
    }

    /** The advertised ref that a short name means, in git's order (exact, refs/, tags, heads, remotes), or null. */
    private static Ref find(Collection<Ref> refs, String name) {
        for (String candidate : List.of(
                name, "refs/" + name, Constants.R_TAGS + name, Constants.R_HEADS + name, Constants.R_REMOTES + name)) {
            for (Ref ref : refs) {
                if (ref.getName().equals(candidate)) {
                    return ref;
                }
            }
        }
        return null;
    }
}
