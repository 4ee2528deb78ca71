package dev.clade.orchestrator.experiment;

import static dev.clade.orchestrator.experiment.SourceRepository.read;
import static dev.clade.orchestrator.experiment.SourceRepository.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.orchestrator.campaign.EditableGlobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkout used again for one commit after another holds exactly what a fresh export holds, whatever a stage did to
 * it, and its stats never hide a change: a tampered file, one rewritten with the same size and time set back, and one
 * swapped in under another inode are all read and caught.
 */
class CheckoutTest {

    static final Predicate<String> EDITABLE = EditableGlobs.of(List.of("src/**"));
    static final Predicate<String> PINNED = EDITABLE.negate();

    @TempDir
    Path temp;

    ExperimentRepository experiments;
    ObjectId base;
    Checkout checkout;

    @BeforeEach
    void importTarget() {
        experiments = ExperimentRepository.openOrCreate(temp.resolve("store.git"));
        Path target = temp.resolve("target");
        write(target, "src/solve.py", "def solve():\n    return 1\n");
        write(target, "src/helper.py", "HELP = True\n");
        write(target, "eval/score.py", "print('{\"score\": 1}')\n");
        write(target, "eval/data/cases.txt", "1 2 3\n");
        write(target, "README.md", "read me\n");
        base = experiments.importTarget(target.toString(), null);
        checkout = new Checkout(temp.resolve("workers/1/src"));
    }

    @AfterEach
    void closeStore() {
        experiments.close();
    }

    @Test
    void should_hold_what_a_fresh_export_holds_whatever_a_stage_did_to_the_folder() throws IOException {
        // given: a checkout of the base that a stage then rewrote, extended and rearranged
        experiments.checkout(base, checkout);
        Path dir = checkout.dir();
        Files.writeString(dir.resolve("eval/score.py"), "print('{\"score\": 1000}')\n");
        Files.writeString(dir.resolve("build.log"), "outputs\n");
        Files.createDirectories(dir.resolve("__pycache__"));
        Files.writeString(dir.resolve("__pycache__/solve.pyc"), "bytecode");
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/evil\n");
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Folders.delete(dir.resolve("eval/data"));
        Files.createSymbolicLink(dir.resolve("eval/data"), outside);
        Files.delete(dir.resolve("README.md"));
        Files.createDirectories(dir.resolve("README.md"));
        Files.createLink(outside.resolve("helper-link"), dir.resolve("src/helper.py"));
        Files.setPosixFilePermissions(dir.resolve("src"), PosixFilePermissions.fromString("r-x------"));
        ObjectId child = commitEdit("src/solve.py", "def solve():\n    return 2\n");

        // when
        experiments.checkout(child, checkout);

        // then
        Path fresh = temp.resolve("fresh");
        experiments.export(child, fresh);
        assertThat(contents(dir)).isEqualTo(contents(fresh));
        assertThat(Files.readString(outside.resolve("helper-link"))).isEqualTo("HELP = True\n");
        assertThat(Files.list(outside).toList()).containsExactly(outside.resolve("helper-link"));
    }

    @Test
    void should_write_only_the_files_that_differ_from_what_it_holds() throws IOException {
        // given
        experiments.checkout(base, checkout);
        Object scoreInode = inode("eval/score.py");
        ObjectId child = commitEdit("src/solve.py", "def solve():\n    return 2\n");
        experiments.checkout(base, checkout);

        // when
        experiments.checkout(child, checkout);

        // then
        assertThat(read(checkout.dir(), "src/solve.py")).isEqualTo("def solve():\n    return 2\n");
        assertThat(inode("eval/score.py")).isEqualTo(scoreInode);
    }

    @Test
    void should_catch_a_pinned_file_rewritten_with_the_same_size_and_its_time_set_back() throws IOException {
        // given: the rewrite follows the checkout at once, within the same tick of the file system's clock
        experiments.checkout(base, checkout);
        Path score = checkout.dir().resolve("eval/score.py");
        FileTime time = Files.getLastModifiedTime(score);
        String original = Files.readString(score);
        Files.writeString(score, original.replace('1', '9'));
        Files.setLastModifiedTime(score, time);

        // when
        List<String> modified = experiments.modifiedPaths(base, checkout, PINNED);

        // then
        assertThat(Files.size(score)).isEqualTo(original.length());
        assertThat(modified).containsExactly("eval/score.py");
    }

    @Test
    void should_catch_a_pinned_file_swapped_for_another_inode_with_the_same_size_and_time() throws IOException {
        // given
        experiments.checkout(base, checkout);
        Path cases = checkout.dir().resolve("eval/data/cases.txt");
        Path forged = temp.resolve("forged.txt");
        Files.writeString(forged, "9 9 9\n");
        Files.setLastModifiedTime(forged, Files.getLastModifiedTime(cases));

        // when
        Files.move(forged, cases, StandardCopyOption.REPLACE_EXISTING);
        List<String> modified = experiments.modifiedPaths(base, checkout, PINNED);

        // then
        assertThat(modified).containsExactly("eval/data/cases.txt");
    }

    @Test
    void should_pass_pinned_files_a_stage_only_touched_or_rewrote_as_they_were() throws IOException {
        // given
        experiments.checkout(base, checkout);
        Path score = checkout.dir().resolve("eval/score.py");
        Files.writeString(score, Files.readString(score));
        Files.setLastModifiedTime(checkout.dir().resolve("README.md"), FileTime.fromMillis(0));
        Files.writeString(checkout.dir().resolve("src/solve.py"), "edited by the stage\n");

        // when
        List<String> modified = experiments.modifiedPaths(base, checkout, PINNED);

        // then
        assertThat(modified).isEmpty();
    }

    @Test
    void should_catch_a_pinned_file_deleted_or_replaced_by_a_link() throws IOException {
        // given
        experiments.checkout(base, checkout);
        Files.delete(checkout.dir().resolve("eval/score.py"));
        Path cases = checkout.dir().resolve("eval/data/cases.txt");
        Path copy = Files.copy(cases, temp.resolve("cases-copy.txt"));
        Files.delete(cases);
        Files.createSymbolicLink(cases, copy);

        // when
        List<String> modified = experiments.modifiedPaths(base, checkout, PINNED);

        // then
        assertThat(modified).containsExactly("eval/data/cases.txt", "eval/score.py");
    }

    @Test
    void should_commit_from_a_checkout_what_a_plain_folder_commits_and_report_a_forged_pinned_file()
            throws IOException {
        // given: a proposal that edits an editable file and forges a pinned one with its size and time kept
        experiments.checkout(base, checkout);
        Path plain = temp.resolve("plain");
        experiments.export(base, plain);
        for (Path dir : List.of(checkout.dir(), plain)) {
            Files.writeString(dir.resolve("src/solve.py"), "def solve():\n    return 3\n");
            Path score = dir.resolve("eval/score.py");
            FileTime time = Files.getLastModifiedTime(score);
            Files.writeString(score, Files.readString(score).replace('1', '7'));
            Files.setLastModifiedTime(score, time);
        }

        // when
        CommitOutcome fromCheckout = experiments.commitChild(
                base, checkout, EDITABLE, "clade/demo/1", CommitMessage.of("an idea", "demo", 1, 0));
        CommitOutcome fromFolder = experiments.commitChild(
                base, plain, EDITABLE, "clade/demo/2", CommitMessage.of("an idea", "demo", 2, 0));

        // then
        CommitOutcome.Committed a = (CommitOutcome.Committed) fromCheckout;
        CommitOutcome.Committed b = (CommitOutcome.Committed) fromFolder;
        assertThat(a.changedPaths()).isEqualTo(b.changedPaths()).containsExactly("src/solve.py");
        assertThat(a.ignoredPaths()).isEqualTo(b.ignoredPaths()).containsExactly("eval/score.py");
        assertThat(experiments.diff(a.commit(), b.commit())).isEmpty();
    }

    @Test
    void should_check_out_the_child_it_just_committed_as_a_fresh_export_would() throws IOException {
        // given: proposals that leave what git does not take (bytecode, a file that is not editable)
        for (String leftover : List.of("src/__pycache__/solve.pyc", "eval/notes.txt", "")) {
            experiments.checkout(base, checkout);
            Path dir = checkout.dir();
            Files.writeString(dir.resolve("src/solve.py"), "def solve():\n    return '" + leftover + "'\n");
            if (!leftover.isEmpty()) {
                Files.createDirectories(dir.resolve(leftover).getParent());
                Files.writeString(dir.resolve(leftover), "left over");
            }
            ObjectId child = ((CommitOutcome.Committed) experiments.commitChild(
                            base,
                            checkout,
                            EDITABLE,
                            "clade/demo/c" + leftover.length(),
                            CommitMessage.of("x", "demo", 1, 0)))
                    .commit();

            // when
            experiments.checkout(child, checkout);

            // then
            Path fresh = temp.resolve("fresh-" + leftover.length());
            experiments.export(child, fresh);
            assertThat(contents(dir)).as(leftover).isEqualTo(contents(fresh));
        }
    }

    @Test
    void should_start_over_when_its_folder_was_replaced_by_a_link() throws IOException {
        // given
        experiments.checkout(base, checkout);
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("keep.txt"), "not Clade's\n");
        Folders.delete(checkout.dir());
        Files.createSymbolicLink(checkout.dir(), elsewhere);

        // when
        experiments.checkout(base, checkout);

        // then
        assertThat(Files.isSymbolicLink(checkout.dir())).isFalse();
        assertThat(read(checkout.dir(), "eval/score.py")).isEqualTo("print('{\"score\": 1}')\n");
        assertThat(Files.readString(elsewhere.resolve("keep.txt"))).isEqualTo("not Clade's\n");
    }

    private ObjectId commitEdit(String path, String content) throws IOException {
        Path proposal = temp.resolve("proposal-" + System.nanoTime());
        experiments.export(base, proposal);
        Files.writeString(proposal.resolve(path), content);
        return ((CommitOutcome.Committed) experiments.commitChild(
                        base,
                        proposal,
                        EDITABLE,
                        "clade/demo/" + System.nanoTime(),
                        CommitMessage.of("x", "demo", 1, 0)))
                .commit();
    }

    private Object inode(String path) throws IOException {
        return Files.readAttributes(checkout.dir().resolve(path), "unix:ino", LinkOption.NOFOLLOW_LINKS)
                .get("ino");
    }

    /** Every file, link and folder under dir with its content or link target and its permissions. */
    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String rel = dir.relativize(p).toString();
                String perms =
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                if (Files.isSymbolicLink(p)) {
                    out.put(rel, "link " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    out.put(rel, "dir");
                } else {
                    out.put(rel, perms + " " + Files.readString(p));
                }
            }
        }
        return out;
    }
}
