package dev.clade.orchestrator.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * One bare repository per target under Clade's data directory; every experiment is a commit on its own branch.
 *
 * <p>All operations go through the object database (object inserter, in-memory DirCache, RevWalk, TreeWalk), never a
 * working tree, so many experiments run at once: the instance is thread-safe. Two concurrent writers of the same
 * branch are not supported: one of them may fail with {@link ExperimentException}.
 */
public final class ExperimentRepository implements AutoCloseable {

    private final Repository repository;
    private final Path directory;
    private final TargetImporter importer;
    private final Object importLock = new Object();
    private final TreeCache trees = new TreeCache(200_000);
    private final Branches branches;
    private final Diffs diffs;

    private ExperimentRepository(Repository repository, Path directory, Set<Path> neverImported) {
        this.repository = repository;
        this.directory = directory;
        this.branches = new Branches(repository, directory);
        this.diffs = new Diffs(repository);
        this.importer = new TargetImporter(repository, neverImported);
    }

    /**
     * Opens the bare repository at bareDir, creating it (and its parent folders) when the folder is absent or empty.
     * Fails when bareDir holds something that is not a git repository. A snapshot import never takes in bareDir, nor
     * {@code home}, the Clade home it belongs to (its database files, repositories, work folders and logs), when a
     * target folder holds them.
     */
    public static ExperimentRepository openOrCreate(Path bareDir, Path... home) {
        Objects.requireNonNull(bareDir, "bareDir");
        Set<Path> left = new java.util.HashSet<>(List.of(home));
        left.add(bareDir);
        return new ExperimentRepository(BareRepositories.openOrCreate(bareDir), bareDir, left);
    }

    /**
     * Imports the target and returns its commit, the campaign's base commit; the commit is also stored under
     * {@code refs/clade/imports/<name>} (a name made of the source's last path segment and the ref, overwritten by a
     * later import of the same name).
     *
     * <p>The source is a git URL ({@code ref} fetched from it), a local repository ({@code ref} resolved there, only
     * committed content imported) or any other folder (a snapshot of its files as a root commit with fixed identity and
     * time, {@code ref} null, blank or {@code HEAD}): {@link TargetSource}'s kinds say exactly how each is read.
     *
     * @param ref null or blank for {@code HEAD}
     * @throws ExperimentException naming the path, URL or ref when the path is missing, the URL cannot be read, the
     *     ref is unknown or the source is not a repository while a ref was asked for
     */
    public ObjectId importTarget(String source, String ref) {
        return importTarget(source, ref, ImportLimits.DEFAULT);
    }

    /** As {@link #importTarget(String, String)}, a plain folder within {@code limits}. */
    public ObjectId importTarget(String source, String ref, ImportLimits limits) {
        Objects.requireNonNull(source, "source");
        synchronized (importLock) { // fetches share FETCH_HEAD and import refs
            try {
                return importer.importTarget(TargetSource.of(source.strip(), ref), limits);
            } catch (IOException e) {
                throw new ExperimentException("Cannot import " + TargetSource.redacted(source) + ": " + e, e);
            }
        }
    }

    /**
     * Writes the tree of commit into dir, which is created when absent and must otherwise be empty. Restores the
     * executable bit; symbolic links are written as links; submodules become empty folders.
     */
    public void export(ObjectId commit, Path dir) {
        Objects.requireNonNull(dir, "dir");
        try (ObjectReader reader = repository.newObjectReader()) {
            TreeExport.write(reader, trees.entries(reader, commit), dir);
        } catch (IOException e) {
            throw new ExperimentException("Cannot export " + commit.name() + " to " + dir + ": " + e, e);
        }
    }

    /**
     * Brings a reused folder to the tree of commit: afterwards it holds what {@link #export} would write into a fresh
     * folder, and only the files that differ from what the checkout last held (or that changed since) were deleted or
     * written.
     */
    public void checkout(ObjectId commit, Checkout checkout) {
        Objects.requireNonNull(checkout, "checkout");
        try (ObjectReader reader = repository.newObjectReader()) {
            CheckoutSync.sync(reader, trees.entries(reader, commit), checkout);
        } catch (IOException e) {
            throw new ExperimentException("Cannot check out " + commit.name() + " in " + checkout.dir() + ": " + e, e);
        }
    }

    /**
     * Commits the content of dir as a child of parent on branch {@code refs/heads/<branch>}.
     *
     * <p>Only paths accepted by {@code editable} may differ from the parent: the child's tree is the parent's tree with
     * the editable paths replaced by what dir holds (added, modified, executable bit changed, or deleted). Changes to
     * other paths are not committed and come back as {@code ignoredPaths}. New files that the directory's
     * {@code .gitignore} files ignore, {@code __pycache__} and {@code .git} are never taken. When no editable path
     * differs, the outcome is {@link CommitOutcome.NoChange} and no branch is created or moved. When an editable path
     * the directory added or changed is a symbolic link out of the checkout (absolute, or climbing above the root), the
     * outcome is {@link CommitOutcome.Refused}, naming the links, and nothing is committed either: whatever proposer
     * made the directory, such a link never enters the repository. Links that stay inside are committed as links. An
     * existing branch is reset to the new commit (a resumed experiment). Author and committer are
     * {@code Clade <clade@localhost>}, now.
     */
    public CommitOutcome commitChild(
            ObjectId parent, Path dir, Predicate<String> editable, String branch, CommitMessage message) {
        return ChildCommit.write(repository, trees, parent, dir, null, editable, branch, message);
    }

    /**
     * As {@link #commitChild(ObjectId, Path, Predicate, String, CommitMessage)}, from a checkout: only the files whose
     * stat moved since the checkout wrote or read them are read, and the checkout then knows what every file holds.
     */
    public CommitOutcome commitChild(
            ObjectId parent, Checkout checkout, Predicate<String> editable, String branch, CommitMessage message) {
        return ChildCommit.write(repository, trees, parent, checkout.dir(), checkout, editable, branch, message);
    }

    /**
     * Records a node's score in its commit message ({@code Clade-Score} trailer): writes a commit with the same tree,
     * parent, author time and message plus the trailer, and points the branch at it. Commits are immutable, so the
     * score can only be added this way once the evaluation is done; the tree, and so the experiment, is unchanged.
     */
    public ObjectId recordScore(ObjectId commit, String branch, double score) {
        try {
            return GitTrees.reword(
                    repository, commit, Branches.ref(branch), message -> CommitMessage.withScore(message, score));
        } catch (IOException e) {
            throw new ExperimentException(
                    "Cannot record the score of " + commit.name() + " on " + branch + ": " + e, e);
        }
    }

    /**
     * The paths of {@code commit} that {@code pinned} accepts and whose content in {@code dir} differs from the
     * commit's, or that are missing: how a stage that rewrote the evaluator's own files is caught. New files are not
     * reported (build outputs are fine), nor are symbolic links and submodules.
     */
    public List<String> modifiedPaths(ObjectId commit, Path dir, Predicate<String> pinned) {
        return modified(commit, dir, null, pinned);
    }

    /**
     * As {@link #modifiedPaths(ObjectId, Path, Predicate)} in a checkout of commit: a file whose stat has not moved
     * since the checkout wrote or read it is known to be unchanged; only the others are read.
     */
    public List<String> modifiedPaths(ObjectId commit, Checkout checkout, Predicate<String> pinned) {
        return modified(commit, checkout.dir(), checkout, pinned);
    }

    private List<String> modified(ObjectId commit, Path dir, Checkout checkout, Predicate<String> pinned) {
        try (ObjectReader reader = repository.newObjectReader()) {
            return PinnedCheck.modified(trees.entries(reader, commit), dir, checkout, pinned);
        } catch (IOException e) {
            throw new ExperimentException("Cannot compare " + dir + " with " + commit.name() + ": " + e, e);
        }
    }

    /**
     * Pushes branches to a remote (a URL or a local repository path), each to the branch of the same name; returns
     * one line per branch saying how it went ("ok", "up to date", or why the remote refused it).
     */
    public java.util.Map<String, String> push(String remote, List<String> branches) {
        return BranchPush.push(
                repository, remote, branches.stream().map(Branches::ref).toList());
    }

    /** Unified diff in git's format (3 lines of context, renames detected) from one commit to another; "" if equal. */
    public String diff(ObjectId from, ObjectId to) {
        return diffs.between(from, to);
    }

    /** The text of the files of {@code to} that differ from {@code from}'s: see {@link GitTrees#changedText}. */
    public String changedText(ObjectId from, ObjectId to, int maxChars) {
        return GitTrees.changedText(repository, from, to, maxChars);
    }

    /** The lines of the files of {@code to} that differ from {@code from}'s: see {@link GitTrees#changedLines}. */
    public long changedLines(ObjectId from, ObjectId to) {
        return GitTrees.changedLines(repository, from, to);
    }

    /**
     * Deletes the lock files that a process killed while it moved a branch left behind, for the branches under {@code
     * prefix}: see {@link Branches#clearStaleLocks}. Returns how many were deleted.
     */
    public int clearStaleLocks(String prefix) {
        return branches.clearStaleLocks(prefix);
    }

    /** Deletes the branch if it exists (an experiment whose commit was rejected and that ended invalid). */
    public void deleteBranch(String branch) {
        branches.delete(branch);
    }

    /** The commit the branch points to, if the branch exists. */
    public Optional<ObjectId> branchHead(String branch) {
        return branches.head(branch);
    }

    /** The names of branches (without {@code refs/heads/}) that start with prefix, sorted; "" lists them all. */
    public List<String> branches(String prefix) {
        return branches.list(prefix);
    }

    /** The full message of a commit. */
    public String message(ObjectId commit) {
        Objects.requireNonNull(commit, "commit");
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(commit).getFullMessage();
        } catch (IOException e) {
            throw new ExperimentException("Unknown commit " + commit.name() + ": " + e, e);
        }
    }

    /** The folder of the bare repository. */
    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        repository.close();
    }
}
