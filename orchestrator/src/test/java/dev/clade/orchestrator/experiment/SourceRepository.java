package dev.clade.orchestrator.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

/** A user's git repository with a working tree, built with JGit for tests: {@code aSourceRepository(dir).with(...)}. */
final class SourceRepository implements AutoCloseable {

    private static final PersonIdent USER = new PersonIdent("Test User", "user@example.org");

    private final Git git;
    private final Path dir;

    private SourceRepository(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    static SourceRepository aSourceRepository(Path dir) {
        try {
            return new SourceRepository(
                    Git.init()
                            .setDirectory(dir.toFile())
                            .setInitialBranch("main")
                            .call(),
                    dir);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a file of the working tree (not committed yet). */
    SourceRepository with(String path, String content) {
        write(dir, path, content);
        return this;
    }

    /** Stages everything and commits it. */
    ObjectId commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            return git.commit()
                    .setMessage(message)
                    .setAuthor(USER)
                    .setCommitter(USER)
                    .setSign(false)
                    .call()
                    .copy();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    SourceRepository branch(String name) {
        try {
            git.branchCreate().setName(name).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    SourceRepository annotatedTag(String name) {
        try {
            git.tag()
                    .setName(name)
                    .setMessage("release " + name)
                    .setTagger(USER)
                    .setSigned(false)
                    .call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    Path dir() {
        return dir;
    }

    static void write(Path root, String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path root, String path) {
        try {
            return Files.readString(root.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
