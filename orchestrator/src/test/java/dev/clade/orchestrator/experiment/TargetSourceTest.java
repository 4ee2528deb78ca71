package dev.clade.orchestrator.experiment;

import static dev.clade.orchestrator.experiment.SourceRepository.aSourceRepository;
import static dev.clade.orchestrator.experiment.SourceRepository.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetSourceTest {

    @TempDir
    Path temp;

    @Test
    void should_read_urls_and_scp_like_addresses_as_git_urls() {
        assertThat(TargetSource.of("https://github.com/org/repo.git", null))
                .isEqualTo(new TargetSource.GitUrl("https://github.com/org/repo.git", "HEAD"));
        assertThat(TargetSource.of("git@github.com:org/repo.git", "v2"))
                .isEqualTo(new TargetSource.GitUrl("git@github.com:org/repo.git", "v2"));
        assertThat(TargetSource.of("file:///srv/git/repo", " main "))
                .isEqualTo(new TargetSource.GitUrl("file:///srv/git/repo", "main"));
    }

    @Test
    void should_tell_a_repository_from_a_plain_directory() {
        // given
        Path plain = temp.resolve("plain");
        write(plain, "a.txt", "1\n");
        try (SourceRepository repository = aSourceRepository(temp.resolve("repo"))) {
            // when / then
            assertThat(TargetSource.of(repository.dir().toString(), ""))
                    .isEqualTo(new TargetSource.LocalRepository(repository.dir(), "HEAD"));
            assertThat(TargetSource.of(plain.toString(), "HEAD")).isEqualTo(new TargetSource.PlainDirectory(plain));
        }
    }

    @Test
    void should_reject_a_file_naming_it() {
        Path file = temp.resolve("a.txt");
        write(temp, "a.txt", "1\n");

        assertThatThrownBy(() -> TargetSource.of(file.toString(), null))
                .isInstanceOf(ExperimentException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void should_name_imports_with_one_safe_ref_component() {
        assertThat(new TargetSource.GitUrl("https://host/org/solver.git", "feature/fast..er").importRef())
                .isEqualTo("refs/clade/imports/solver-feature_fast_er");
        assertThat(new TargetSource.LocalRepository(temp.resolve("proj"), "HEAD~1").importRef())
                .isEqualTo("refs/clade/imports/proj-HEAD_1");
        assertThat(new TargetSource.PlainDirectory(temp.resolve("x.lock")).importRef())
                .isEqualTo("refs/clade/imports/x_lock");
    }

    @Test
    void should_hide_a_password_in_a_url_when_showing_it() {
        assertThat(new TargetSource.GitUrl("https://bot:s3cret@host/org/repo.git", "HEAD").shown())
                .doesNotContain("s3cret")
                .contains("host/org/repo.git");
    }
}
