package dev.clade.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BubblewrapArgumentsTest {

    private static final Path BWRAP = Path.of("bwrap");

    @TempDir
    Path root;

    private final BubblewrapHost asRoot = new BubblewrapHost(Optional.of(BWRAP), "", true, Optional.empty(), true);

    @Test
    void should_mount_parents_before_children_so_each_folder_gets_its_own_treatment() throws IOException {
        // given: the checkout under the home, a secret inside the checkout, metrics inside a hidden data folder
        Path home = Files.createDirectories(root.resolve("home")).toRealPath();
        Path work = Files.createDirectories(home.resolve("work"));
        Path secret = Files.createDirectories(work.resolve("secret"));
        Path data = Files.createDirectories(root.resolve("data")).toRealPath();
        Path metrics = Files.createDirectories(data.resolve("metrics"));
        Path toolchain = Files.createDirectories(home.resolve("toolchain"));
        SandboxRequest request = SandboxRequest.of(List.of("true"), work)
                .withIsolation(
                        Isolation.defaults().withHidden(List.of(data, secret)).withWritable(List.of(metrics)));

        // when
        String argv =
                String.join(" ", BubblewrapArguments.of(BWRAP, request, asRoot, Optional.of(home), List.of(toolchain)));

        // then
        assertThat(argv)
                .startsWith("bwrap --unshare-net --unshare-user --uid 65534 --gid 65534 --die-with-parent")
                .containsSubsequence(
                        "--tmpfs /tmp",
                        "--tmpfs " + home,
                        "--bind " + work + " " + work,
                        "--tmpfs " + secret,
                        "--remount-ro " + home)
                .containsSubsequence("--tmpfs " + data, "--bind " + metrics + " " + metrics, "--remount-ro " + data)
                .containsSubsequence("--tmpfs " + home, "--ro-bind " + toolchain + " " + toolchain)
                .contains("--remount-ro " + secret)
                .endsWith("--setenv TMPDIR /tmp --chdir " + work + " --");
    }

    @Test
    void should_share_the_network_and_keep_a_home_that_is_the_working_directory() throws IOException {
        // given
        Path home = root.toRealPath();
        Path missing = root.resolve("not-there");
        SandboxRequest request = SandboxRequest.of(List.of("true"), home)
                .withIsolation(Isolation.defaults().withNetwork(true).withHidden(List.of(missing)));

        // when
        List<String> argv = BubblewrapArguments.of(BWRAP, request, asRoot, Optional.of(home), List.of());

        // then
        assertThat(argv).doesNotContain("--unshare-net", "--remount-ro", missing.toString());
        assertThat(String.join(" ", argv)).doesNotContain("--tmpfs " + home).contains("--bind " + home + " " + home);
    }

    @Test
    void should_hide_a_file_behind_dev_null_and_let_the_request_set_tmpdir() throws IOException {
        // given
        Path token = Files.writeString(root.resolve("token"), "secret");
        Path work = Files.createDirectories(root.resolve("work")).toRealPath();
        SandboxRequest request = SandboxRequest.of(List.of("true"), work)
                .withEnvironment(java.util.Map.of("TMPDIR", "/scratch"))
                .withIsolation(Isolation.defaults().withHidden(List.of(token)));
        BubblewrapHost user = new BubblewrapHost(Optional.of(BWRAP), "", true, Optional.empty(), false);

        // when
        String argv = String.join(" ", BubblewrapArguments.of(BWRAP, request, user, Optional.empty(), List.of()));

        // then
        assertThat(argv)
                .contains("--ro-bind /dev/null " + token.toRealPath())
                .contains("--unshare-user --die-with-parent")
                .doesNotContain("--uid", "TMPDIR");
    }
}
