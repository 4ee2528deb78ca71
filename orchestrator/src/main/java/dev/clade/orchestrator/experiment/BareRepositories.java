package dev.clade.orchestrator.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/** Opens the bare repositories experiments live in. */
final class BareRepositories {

    private BareRepositories() {}

    /**
     * The bare repository at {@code bareDir}, created (with its parent folders) when the folder is absent or empty.
     *
     * @throws ExperimentException when {@code bareDir} holds something that is not a git repository
     */
    static Repository openOrCreate(Path bareDir) {
        try {
            FileRepositoryBuilder builder =
                    new FileRepositoryBuilder().setGitDir(bareDir.toFile()).setBare();
            if (RepositoryCache.FileKey.isGitRepository(bareDir.toFile(), FS.DETECTED)) {
                return builder.setMustExist(true).build();
            }
            if (Files.exists(bareDir) && !isEmptyDirectory(bareDir)) {
                throw new ExperimentException("Not a git repository, and not empty: " + bareDir);
            }
            Files.createDirectories(bareDir);
            Repository repository = builder.build();
            repository.create(true);
            return repository;
        } catch (IOException | IllegalStateException e) {
            throw new ExperimentException("Cannot open or create the repository " + bareDir + ": " + e, e);
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }
}
