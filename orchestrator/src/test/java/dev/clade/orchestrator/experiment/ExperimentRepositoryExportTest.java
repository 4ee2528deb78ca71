package dev.clade.orchestrator.experiment;

import static dev.clade.orchestrator.experiment.SourceRepository.read;
import static dev.clade.orchestrator.experiment.SourceRepository.write;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clade.orchestrator.campaign.EditableGlobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRepositoryExportTest {

    static final Predicate<String> EDITABLE = EditableGlobs.of(List.of("src/**"));

    @TempDir
    Path temp;

    ExperimentRepository experiments;
    ObjectId base;

    @BeforeEach
    void importTarget() throws IOException {
        experiments = ExperimentRepository.openOrCreate(temp.resolve("store.git"));
        Path target = temp.resolve("target");
        write(target, "src/solve.py", "def solve():\n    return 1\n");
        write(target, "src/helper.py", "HELP = True\n");
        write(target, "eval/score.py", "print('{\"score\": 1}')\n");
        write(target, "run.sh", "#!/bin/sh\npython src/solve.py\n");
        Files.setPosixFilePermissions(
                target.resolve("run.sh"),
                Set.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE));
        base = experiments.importTarget(target.toString(), null);
    }

    @AfterEach
    void closeStore() {
        experiments.close();
    }

    @Test
    void should_restore_the_executable_bit_and_symbolic_links_on_export() throws IOException {
        // given
        Path work = exportBase("work");
        Files.createSymbolicLink(work.resolve("src/link.py"), Path.of("solve.py"));
        ObjectId child = ((CommitOutcome.Committed) commit(work, "clade/demo/5")).commit();

        // when
        Path out = temp.resolve("out");
        experiments.export(child, out);

        // then
        assertThat(Files.getPosixFilePermissions(out.resolve("run.sh"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.getPosixFilePermissions(out.resolve("src/solve.py")))
                .doesNotContain(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.isSymbolicLink(out.resolve("src/link.py"))).isTrue();
        assertThat(Files.readSymbolicLink(out.resolve("src/link.py"))).isEqualTo(Path.of("solve.py"));
    }

    @Test
    void should_give_an_empty_diff_between_equal_commits() {
        assertThat(experiments.diff(base, base)).isEmpty();
    }

    @Test
    void should_refuse_to_export_into_a_directory_that_is_not_empty() {
        Path full = temp.resolve("full");
        write(full, "keep.txt", "mine\n");

        assertThatThrownBy(() -> experiments.export(base, full))
                .isInstanceOf(ExperimentException.class)
                .hasMessageContaining(full.toString());
        assertThat(read(full, "keep.txt")).isEqualTo("mine\n");
    }

    @Test
    void should_refuse_to_export_a_tree_that_writes_into_a_git_folder() throws IOException {
        // given a commit that git's own checks would have rejected
        ObjectId hostile;
        try (Repository repository = new FileRepositoryBuilder()
                        .setGitDir(experiments.directory().toFile())
                        .setBare()
                        .build();
                ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId hook = inserter.insert(Constants.OBJ_BLOB, "#!/bin/sh\nrm -rf ~\n".getBytes(UTF_8));
            TreeFormatter hooks = new TreeFormatter();
            hooks.append("post-checkout", FileMode.EXECUTABLE_FILE, hook);
            TreeFormatter dotGit = new TreeFormatter();
            dotGit.append("hooks", FileMode.TREE, inserter.insert(hooks));
            TreeFormatter root = new TreeFormatter();
            root.append(".GIT", FileMode.TREE, inserter.insert(dotGit));
            hostile = GitTrees.commit(inserter, inserter.insert(root), null, Instant.EPOCH, "hostile\n");
            inserter.flush();
        }

        // when / then
        assertThatThrownBy(() -> experiments.export(hostile, temp.resolve("out")))
                .isInstanceOf(ExperimentException.class)
                .hasMessageContaining(".GIT/hooks/post-checkout");
        assertThat(temp.resolve("out/.GIT")).doesNotExist();
    }

    private Path exportBase(String name) {
        Path dir = temp.resolve(name);
        experiments.export(base, dir);
        return dir;
    }

    private CommitOutcome commit(Path work, String branch) {
        return experiments.commitChild(base, work, EDITABLE, branch, CommitMessage.of("an idea", "demo", 1, 0));
    }
}
