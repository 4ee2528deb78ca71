package dev.clade.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolchainsTest {

    @TempDir
    Path home;

    @Test
    void should_show_the_home_folders_that_hold_path_entries_and_named_roots() throws IOException {
        Files.createDirectories(home.resolve(".pyenv/shims"));
        Files.createDirectories(home.resolve(".cargo/bin"));
        Files.createDirectories(home.resolve(".rustup"));
        Files.createDirectories(home.resolve("miniconda/envs/x"));
        Files.createDirectories(home.resolve(".ssh"));
        Map<String, String> env = Map.of(
                "PATH",
                home.resolve(".pyenv/shims") + ":" + home.resolve(".cargo/bin") + ":/usr/bin:relative/bin",
                "CONDA_PREFIX",
                home.resolve("miniconda/envs/x").toString());

        List<Path> shown = Toolchains.underHome(home, env, List.of());

        assertThat(shown)
                .containsExactlyInAnyOrder(
                        home.resolve(".pyenv"),
                        home.resolve(".cargo"),
                        home.resolve(".rustup"),
                        home.resolve("miniconda"))
                .doesNotContain(home.resolve(".ssh"), home);
    }

    @Test
    void should_never_show_the_whole_home_nor_folders_that_do_not_exist() {
        Map<String, String> env = Map.of("PATH", home + ":" + home.resolve("gone/bin"));

        assertThat(Toolchains.underHome(home, env, List.of())).isEmpty();
    }
}
