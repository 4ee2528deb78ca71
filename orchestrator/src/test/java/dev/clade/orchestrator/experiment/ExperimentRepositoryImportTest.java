package dev.clade.orchestrator.experiment;

import static dev.clade.orchestrator.experiment.SourceRepository.aSourceRepository;
import static dev.clade.orchestrator.experiment.SourceRepository.read;
import static dev.clade.orchestrator.experiment.SourceRepository.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRepositoryImportTest {

    @TempDir
    Path temp;

    ExperimentRepository experiments;

    @BeforeEach
    void openStore() {
        experiments = ExperimentRepository.openOrCreate(temp.resolve("data/targets/demo.git"));
    }

    @AfterEach
    void closeStore() {
        experiments.close();
    }

    @Test
    void should_import_a_plain_directory_twice_as_the_same_commit() {
        // given
        Path target = temp.resolve("plain");
        write(target, "solve.py", "print(1)\n");
        write(target, "lib/util.py", "X = 1\n");

        // when
        ObjectId first = experiments.importTarget(target.toString(), null);
        ObjectId second = experiments.importTarget(target.toString(), "HEAD");

        // then
        assertThat(second).isEqualTo(first);
        assertThat(experiments.message(first)).isEqualTo(TargetImporter.SNAPSHOT_MESSAGE);
        Path out = temp.resolve("out");
        experiments.export(first, out);
        assertThat(read(out, "lib/util.py")).isEqualTo("X = 1\n");
    }

    @Test
    void should_refuse_a_folder_past_the_import_limits_before_storing_anything() {
        Path target = temp.resolve("big");
        write(target, "a.py", "1\n");
        write(target, "b.py", "22\n");
        write(target, "c.py", "333\n");

        assertThatThrownBy(() -> experiments.importTarget(target.toString(), null, new ImportLimits(2, 1000)))
                .isInstanceOf(ExperimentException.class)
                .hasMessageContaining(target.toString())
                .hasMessageContaining("more than 2 files (clade.import.max-files)");
        assertThatThrownBy(() -> experiments.importTarget(target.toString(), null, new ImportLimits(10, 5)))
                .isInstanceOf(ExperimentException.class)
                .hasMessageContaining("more than 5 bytes (clade.import.max-bytes)");
        assertThat(experiments.importTarget(target.toString(), null, new ImportLimits(3, 9)))
                .isNotNull();
    }

    @Test
    void should_leave_links_out_of_the_folder_out_of_a_snapshot() throws IOException {
        Path target = temp.resolve("linked");
        write(target, "solve.py", "print(1)\n");
        Files.createSymbolicLink(target.resolve("shadow"), Path.of("/etc/shadow"));
        Files.createSymbolicLink(target.resolve("up"), Path.of("../../outside"));
        Files.createSymbolicLink(target.resolve("same.py"), Path.of("solve.py"));
        Files.createSymbolicLink(target.resolve("x"), Path.of("."));
        Files.createSymbolicLink(target.resolve("y"), Path.of("x/x/x/x/../../../../etc/passwd"));

        ObjectId commit = experiments.importTarget(target.toString(), null);

        Path out = temp.resolve("linked-out");
        experiments.export(commit, out);
        assertThat(out.resolve("solve.py")).exists();
        assertThat(Files.isSymbolicLink(out.resolve("same.py"))).isTrue();
        assertThat(out.resolve("shadow")).doesNotExist();
        assertThat(Files.isSymbolicLink(out.resolve("shadow"))).isFalse();
        assertThat(Files.isSymbolicLink(out.resolve("up"))).isFalse();
        assertThat(Files.isSymbolicLink(out.resolve("y"))).isFalse();
    }

    @Test
    void should_leave_git_pycache_and_ignored_files_out_of_a_snapshot() throws IOException {
        // given a sub-folder of some repository, with build debris
        Path target = temp.resolve("monorepo/service");
        write(target, "main.py", "run()\n");
        write(target, ".gitignore", "*.log\nbuild/\n");
        write(target, "app.log", "noise\n");
        write(target, "build/out.bin", "binary\n");
        write(target, "__pycache__/main.cpython-312.pyc", "bytecode\n");
        write(target, "vendor/.git/config", "[core]\n");

        // when
        ObjectId commit = experiments.importTarget(target.toString(), "");

        // then
        Path out = temp.resolve("out");
        experiments.export(commit, out);
        try (var files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile)
                            .map(f -> out.relativize(f).toString()))
                    .containsExactlyInAnyOrder("main.py", ".gitignore");
        }
    }

    @Test
    void should_leave_the_clade_home_out_of_a_snapshot_of_a_folder_that_holds_it() throws IOException {
        // given a project folder with the Clade home (database files, the repository itself) inside it
        Path project = temp.resolve("project");
        Path home = project.resolve("clade-home");
        write(project, "main.py", "run()\n");
        write(home, "postgres/epg-lock", "");
        write(home, "api-token", "secret\n");
        try (ExperimentRepository inHome = ExperimentRepository.openOrCreate(home.resolve("repos/project.git"), home)) {

            // when
            ObjectId commit = inHome.importTarget(project.toString(), null);

            // then
            Path out = temp.resolve("out");
            inHome.export(commit, out);
            try (var files = Files.walk(out)) {
                assertThat(files.filter(Files::isRegularFile)
                                .map(f -> out.relativize(f).toString()))
                        .containsExactly("main.py");
            }
        }
    }

    @Test
    void should_import_a_local_repository_at_head_without_its_uncommitted_changes() {
        // given
        try (SourceRepository source = aSourceRepository(temp.resolve("source"))) {
            ObjectId head = source.with("a.txt", "committed\n").commit("first");
            source.with("a.txt", "uncommitted\n").with("new.txt", "untracked\n");

            // when
            ObjectId imported = experiments.importTarget(source.dir().toString(), null);

            // then
            assertThat(imported).isEqualTo(head);
            Path out = temp.resolve("out");
            experiments.export(imported, out);
            assertThat(read(out, "a.txt")).isEqualTo("committed\n");
            assertThat(out.resolve("new.txt")).doesNotExist();
        }
    }

    @Test
    void should_import_a_local_repository_at_a_branch_a_tag_and_a_commit() {
        // given
        try (SourceRepository source = aSourceRepository(temp.resolve("source"))) {
            ObjectId first = source.with("a.txt", "1\n").commit("first");
            source.branch("stable").annotatedTag("v1");
            ObjectId second = source.with("a.txt", "2\n").commit("second");
            String dir = source.dir().toString();

            // when / then
            assertThat(experiments.importTarget(dir, "stable")).isEqualTo(first);
            assertThat(experiments.importTarget(dir, "v1")).isEqualTo(first);
            assertThat(experiments.importTarget(dir, first.name())).isEqualTo(first);
            assertThat(experiments.importTarget(dir, "main")).isEqualTo(second);
            assertThat(experiments.importTarget(dir, "HEAD~1")).isEqualTo(first);
        }
    }

    @Test
    void should_import_from_a_git_url_at_a_branch_a_tag_and_head() {
        // given
        try (SourceRepository source = aSourceRepository(temp.resolve("remote"))) {
            ObjectId first = source.with("a.txt", "1\n").commit("first");
            source.branch("stable").annotatedTag("v1");
            ObjectId second = source.with("a.txt", "2\n").commit("second");
            String url = source.dir().toUri().toString();

            // when / then
            assertThat(url).startsWith("file:");
            assertThat(experiments.importTarget(url, null)).isEqualTo(second);
            assertThat(experiments.importTarget(url, "stable")).isEqualTo(first);
            assertThat(experiments.importTarget(url, "v1")).isEqualTo(first);
            assertThat(experiments.importTarget(url, "refs/heads/main")).isEqualTo(second);
            assertThat(experiments.importTarget(url, first.name())).isEqualTo(first);
        }
    }

    @Test
    void should_keep_each_import_under_refs_clade_imports() throws IOException {
        // given
        try (SourceRepository source = aSourceRepository(temp.resolve("source"))) {
            ObjectId head = source.with("a.txt", "1\n").commit("first");

            // when
            experiments.importTarget(source.dir().toString(), "main");

            // then
            try (Repository repository = new FileRepositoryBuilder()
                    .setGitDir(experiments.directory().toFile())
                    .setBare()
                    .build()) {
                assertThat(repository.exactRef("refs/clade/imports/source-main").getObjectId())
                        .isEqualTo(head);
            }
        }
    }

    @Test
    void should_reject_a_missing_path_naming_it() {
        String missing = temp.resolve("nowhere").toString();

        assertThatThrownBy(() -> experiments.importTarget(missing, null))
                .isInstanceOf(ExperimentException.class)
                .hasMessageContaining(missing);
    }

    @Test
    void should_reject_an_unknown_ref_naming_it() {
        try (SourceRepository source = aSourceRepository(temp.resolve("source"))) {
            source.with("a.txt", "1\n").commit("first");
            String dir = source.dir().toString();
            String url = source.dir().toUri().toString();

            assertThatThrownBy(() -> experiments.importTarget(dir, "no-such-branch"))
                    .isInstanceOf(ExperimentException.class)
                    .hasMessageContaining("no-such-branch");
            assertThatThrownBy(() -> experiments.importTarget(url, "no-such-tag"))
                    .isInstanceOf(ExperimentException.class)
                    .hasMessageContaining("no-such-tag");
        }
    }

    @Test
    void should_reject_a_url_that_cannot_be_read_naming_it() {
        String url = temp.resolve("absent.git").toUri().toString();

        assertThatThrownBy(() -> experiments.importTarget(url, null))
                .isInstanceOf(ExperimentException.class)
                .hasMessageContaining(url);
    }

    @Test
    void should_reject_a_ref_for_a_directory_that_is_not_a_repository() {
        Path target = temp.resolve("plain");
        write(target, "a.txt", "1\n");

        assertThatThrownBy(() -> experiments.importTarget(target.toString(), "main"))
                .isInstanceOf(ExperimentException.class)
                .hasMessageContaining("main")
                .hasMessageContaining(target.toString());
    }

    @Test
    void should_reopen_an_existing_store_and_refuse_a_folder_that_is_not_one() {
        // given
        Path target = temp.resolve("plain");
        write(target, "a.txt", "1\n");
        ObjectId commit = experiments.importTarget(target.toString(), null);

        // when
        try (ExperimentRepository reopened = ExperimentRepository.openOrCreate(experiments.directory())) {
            // then
            assertThat(reopened.message(commit)).isEqualTo(TargetImporter.SNAPSHOT_MESSAGE);
        }
        assertThatThrownBy(() -> ExperimentRepository.openOrCreate(target))
                .isInstanceOf(ExperimentException.class)
                .hasMessageContaining(target.toString());
    }
}
