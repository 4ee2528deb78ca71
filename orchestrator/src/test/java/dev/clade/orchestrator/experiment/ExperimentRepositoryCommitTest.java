package dev.clade.orchestrator.experiment;

import static dev.clade.orchestrator.experiment.SourceRepository.read;
import static dev.clade.orchestrator.experiment.SourceRepository.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.clade.orchestrator.campaign.EditableGlobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRepositoryCommitTest {

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
    void should_commit_an_edited_editable_file_on_its_own_branch() {
        // given
        Path work = exportBase("work");
        write(work, "src/solve.py", "def solve():\n    return 2\n");
        CommitMessage message =
                CommitMessage.of("Return 2\n\nTwo beats one.", "demo", 7, 3).withScore(0.5);

        // when
        CommitOutcome outcome = experiments.commitChild(base, work, EDITABLE, "clade/demo/7", message);

        // then
        assertThat(outcome).isInstanceOf(CommitOutcome.Committed.class);
        CommitOutcome.Committed committed = (CommitOutcome.Committed) outcome;
        assertThat(committed.changedPaths()).containsExactly("src/solve.py");
        assertThat(committed.ignoredPaths()).isEmpty();
        assertThat(experiments.branchHead("clade/demo/7")).contains(committed.commit());
        assertThat(experiments.branches("clade/demo/")).containsExactly("clade/demo/7");
        assertThat(CommitMessage.trailers(experiments.message(committed.commit())))
                .containsExactly(
                        entry("Clade-Campaign", "demo"),
                        entry("Clade-Node", "7"),
                        entry("Clade-Parent", "3"),
                        entry("Clade-Score", "0.5"));
        assertThat(experiments.message(committed.commit())).startsWith("Return 2\n\nTwo beats one.\n\n");
        assertThat(experiments.diff(base, committed.commit()))
                .contains("diff --git a/src/solve.py b/src/solve.py")
                .contains("-    return 1")
                .contains("+    return 2");
    }

    @Test
    void should_leave_out_and_report_edits_to_files_that_are_not_editable() {
        // given
        Path work = exportBase("work");
        write(work, "src/solve.py", "def solve():\n    return 3\n");
        write(work, "eval/score.py", "print('{\"score\": 1000}')\n");
        write(work, "notes.txt", "scratch\n");

        // when
        CommitOutcome outcome = commit(work, "clade/demo/1");

        // then
        assertThat(outcome.ignoredPaths()).containsExactly("eval/score.py", "notes.txt");
        ObjectId child = ((CommitOutcome.Committed) outcome).commit();
        Path check = temp.resolve("check");
        experiments.export(child, check);
        assertThat(read(check, "eval/score.py")).isEqualTo("print('{\"score\": 1}')\n");
        assertThat(check.resolve("notes.txt")).doesNotExist();
        assertThat(read(check, "src/solve.py")).contains("return 3");
    }

    @Test
    void should_delete_a_deleted_editable_file_and_add_a_new_one() throws IOException {
        // given
        Path work = exportBase("work");
        Files.delete(work.resolve("src/helper.py"));
        write(work, "src/fast/kernel.py", "FAST = True\n");

        // when
        CommitOutcome outcome = commit(work, "clade/demo/2");

        // then
        assertThat(outcome)
                .asInstanceOf(type(CommitOutcome.Committed.class))
                .extracting(CommitOutcome.Committed::changedPaths)
                .isEqualTo(List.of("src/fast/kernel.py", "src/helper.py"));
        Path check = temp.resolve("check");
        experiments.export(((CommitOutcome.Committed) outcome).commit(), check);
        assertThat(check.resolve("src/helper.py")).doesNotExist();
        assertThat(read(check, "src/fast/kernel.py")).isEqualTo("FAST = True\n");
        assertThat(experiments.diff(base, ((CommitOutcome.Committed) outcome).commit()))
                .contains("deleted file mode 100644")
                .contains("new file mode 100644");
    }

    @Test
    void should_report_no_change_and_create_no_branch_when_editable_content_is_unchanged() {
        // given
        Path work = exportBase("work");
        write(work, "eval/score.py", "cheat\n");
        write(work, "src/__pycache__/solve.cpython-312.pyc", "bytecode\n");

        // when
        CommitOutcome outcome = commit(work, "clade/demo/3");

        // then
        assertThat(outcome).isEqualTo(new CommitOutcome.NoChange(List.of("eval/score.py")));
        assertThat(experiments.branchHead("clade/demo/3")).isEmpty();
    }

    @Test
    void should_not_take_new_files_that_the_gitignore_ignores() {
        // given
        Path work = exportBase("work");
        write(work, ".gitignore", "*.tmp\n");
        write(work, "src/cache.tmp", "scratch\n");

        // when
        CommitOutcome outcome = commit(work, "clade/demo/4");

        // then
        assertThat(outcome).isEqualTo(new CommitOutcome.NoChange(List.of(".gitignore")));
    }

    @Test
    void should_take_edits_to_tracked_files_that_the_gitignore_would_ignore() {
        // given a base that tracks a file its .gitignore names
        try (SourceRepository source = SourceRepository.aSourceRepository(temp.resolve("source"))) {
            source.with("src/params.log", "lr=0.1\n").commit("params");
            source.with(".gitignore", "*.log\n").commit("ignore logs");
            ObjectId tracked = experiments.importTarget(source.dir().toString(), null);
            Path work = temp.resolve("work");
            experiments.export(tracked, work);
            write(work, "src/params.log", "lr=0.2\n");

            // when
            CommitOutcome outcome = experiments.commitChild(
                    tracked, work, EDITABLE, "clade/demo/10", CommitMessage.of("lr", "demo", 10, 0));

            // then
            assertThat(outcome)
                    .asInstanceOf(type(CommitOutcome.Committed.class))
                    .extracting(CommitOutcome.Committed::changedPaths)
                    .isEqualTo(List.of("src/params.log"));
        }
    }

    @Test
    void should_commit_a_changed_executable_bit_of_an_editable_file() throws IOException {
        // given
        Path work = exportBase("work");
        Files.setPosixFilePermissions(
                work.resolve("src/solve.py"),
                Set.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE));

        // when
        CommitOutcome outcome = commit(work, "clade/demo/6");

        // then
        ObjectId child = ((CommitOutcome.Committed) outcome).commit();
        assertThat(experiments.diff(base, child)).contains("old mode 100644").contains("new mode 100755");
    }

    @Test
    void should_reset_an_existing_branch_when_an_experiment_is_committed_again() {
        // given a crash left the branch at a first attempt
        Path first = exportBase("first");
        write(first, "src/solve.py", "attempt 1\n");
        ObjectId crashed = ((CommitOutcome.Committed) commit(first, "clade/demo/8")).commit();

        // when the resumed experiment commits again
        Path second = exportBase("second");
        write(second, "src/solve.py", "attempt 2\n");
        ObjectId resumed = ((CommitOutcome.Committed) commit(second, "clade/demo/8")).commit();

        // then
        assertThat(resumed).isNotEqualTo(crashed);
        assertThat(experiments.branchHead("clade/demo/8")).contains(resumed);
        assertThat(experiments.diff(base, resumed)).contains("+attempt 2");
    }

    @Test
    void should_refuse_to_commit_a_proposal_that_leaves_a_link_out_of_the_checkout() throws IOException {
        // given links a command left: absolute, climbing with .., and climbing through another (allowed) link
        Path work = exportBase("work");
        write(work, "src/solve.py", "def solve():\n    return 2\n");
        Files.createSymbolicLink(work.resolve("src/passwd.py"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(work.resolve("src/up.py"), Path.of("../../outside.py"));
        Files.createSymbolicLink(work.resolve("src/here"), Path.of("."));
        Files.createSymbolicLink(work.resolve("src/sneaky.py"), Path.of("here/../../x.py"));

        // when
        CommitOutcome outcome = commit(work, "clade/demo/11");

        // then
        assertThat(outcome)
                .isEqualTo(
                        new CommitOutcome.Refused(List.of("src/passwd.py", "src/sneaky.py", "src/up.py"), List.of()));
        assertThat(((CommitOutcome.Refused) outcome).reason()).contains("src/passwd.py", "src/sneaky.py", "src/up.py");
        assertThat(experiments.branchHead("clade/demo/11")).isEmpty();
        assertThat(experiments.branches("clade/demo/")).isEmpty();
    }

    @Test
    void should_keep_an_outward_link_the_parent_already_had() throws IOException {
        // given a target whose own tree holds an absolute link (the user's choice, not a proposal's)
        Path target = temp.resolve("linked-target");
        write(target, "src/solve.py", "def solve():\n    return 1\n");
        Files.createSymbolicLink(target.resolve("src/data"), Path.of("/srv/datasets"));
        ObjectId linked = experiments.importTarget(target.toString(), null);
        Path work = temp.resolve("work");
        experiments.export(linked, work);
        write(work, "src/solve.py", "def solve():\n    return 2\n");

        // when
        CommitOutcome outcome = experiments.commitChild(
                linked, work, EDITABLE, "clade/demo/12", CommitMessage.of("Return 2", "demo", 12, 0));

        // then
        assertThat(outcome)
                .asInstanceOf(type(CommitOutcome.Committed.class))
                .extracting(CommitOutcome.Committed::changedPaths)
                .isEqualTo(List.of("src/solve.py"));
    }

    @Test
    void should_refuse_an_inside_link_that_leads_out_through_a_link_of_the_parent() throws IOException {
        // given the parent's own link to the root's parent folder (committed in a git repository: a plain folder's
        // import leaves such links out), and a new link that goes through it
        Path target = temp.resolve("linked-target");
        try (SourceRepository source =
                SourceRepository.aSourceRepository(target).with("src/solve.py", "def solve():\n    return 1\n")) {
            Files.createSymbolicLink(target.resolve("src/up"), Path.of("../.."));
            source.commit("a link up");
        }
        ObjectId linked = experiments.importTarget(target.toString(), null);
        Path work = temp.resolve("work");
        experiments.export(linked, work);
        Files.createSymbolicLink(work.resolve("src/secret.py"), Path.of("up/host/secret.py"));

        // when
        CommitOutcome outcome =
                experiments.commitChild(linked, work, EDITABLE, "clade/demo/13", CommitMessage.of("x", "demo", 13, 0));

        // then
        assertThat(outcome).isEqualTo(new CommitOutcome.Refused(List.of("src/secret.py"), List.of()));
        assertThat(experiments.branchHead("clade/demo/13")).isEmpty();
    }

    @Test
    void should_fail_naming_an_unknown_parent_commit() {
        Path work = exportBase("work");
        ObjectId unknown = ObjectId.fromString("0123456789abcdef0123456789abcdef01234567");

        assertThatThrownBy(() -> experiments.commitChild(
                        unknown, work, EDITABLE, "clade/demo/9", CommitMessage.of("x", "demo", 9, 0)))
                .isInstanceOf(ExperimentException.class)
                .hasMessageContaining(unknown.name());
    }

    @Test
    void should_move_a_branch_again_once_the_lock_a_killed_process_left_is_cleared() throws IOException {
        // given: a process killed while it moved clade/demo/14 left the branch's lock file behind
        Path work = exportBase("work");
        Files.writeString(work.resolve("src/solve.py"), "def solve():\n    return 14\n");
        Path lock = experiments.directory().resolve("refs/heads/clade/demo/14.lock");
        Files.createDirectories(lock.getParent());
        Files.writeString(lock, "");
        assertThatThrownBy(() -> commit(work, "clade/demo/14"))
                .isInstanceOf(ExperimentException.class)
                .hasMessageContaining("LOCK_FAILURE");

        // when
        int cleared = experiments.clearStaleLocks("clade/demo/");

        // then
        assertThat(cleared).isEqualTo(1);
        assertThat(commit(work, "clade/demo/14")).isInstanceOf(CommitOutcome.Committed.class);
        assertThat(experiments.clearStaleLocks("clade/other/")).isZero();
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
