package dev.clade.agents.coder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clade.agents.proposer.Guidance;
import dev.clade.sandbox.Isolation;
import dev.clade.sandbox.Sandboxes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of a model that left symbolic links in its checkout (with {@code run_command "ln -s ..."}): every tool
 * must refuse to reach a file outside the checkout through them, and say so naming the path, never the content.
 */
class WorkToolsLinkTest {

    private static final String SECRET = "HOST-SECRET-42";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Path checkout;
    private Path host;
    private WorkTools tools;

    @BeforeEach
    void setUp() throws IOException {
        checkout = Files.createDirectories(temp.resolve("checkout"));
        host = Files.createDirectories(temp.resolve("host"));
        Files.writeString(host.resolve("config.txt"), "token = " + SECRET + "\n");
        Files.createDirectories(host.resolve("sub"));
        Files.writeString(host.resolve("sub/keys.txt"), SECRET + "\n");
        Files.writeString(checkout.resolve("solver.py"), "STEP = 5\n");
        Files.writeString(checkout.resolve("evaluate.py"), "print('{\"score\": 1}')\n");
        tools = new WorkTools(
                checkout,
                p -> !p.equals("evaluate.py"),
                EnumSet.allOf(AgentTool.class),
                Sandboxes.best(),
                Isolation.defaults(),
                Duration.ofSeconds(10),
                Guidance.none().lookup());
    }

    @Test
    void should_refuse_to_write_through_a_link_out_of_the_checkout() throws IOException {
        // given
        Files.createSymbolicLink(checkout.resolve("evil.py"), host.resolve("config.txt"));

        // when
        WorkTools.Result result = call("write_file", Map.of("path", "evil.py", "content", "pwned\n"));

        // then
        assertThat(result.edited()).isFalse();
        assertThat(result.text()).contains("not applied", "evil.py", "symbolic link");
        assertThat(Files.readString(host.resolve("config.txt"))).isEqualTo("token = " + SECRET + "\n");
    }

    @Test
    void should_refuse_to_create_a_file_through_a_linked_directory() throws IOException {
        // given
        Files.createSymbolicLink(checkout.resolve("lib"), host);

        // when
        WorkTools.Result result = call("write_file", Map.of("path", "lib/planted.py", "content", "pwned\n"));

        // then
        assertThat(result.edited()).isFalse();
        assertThat(result.text()).contains("lib/planted.py", "lib is a symbolic link");
        assertThat(host.resolve("planted.py")).doesNotExist();
    }

    @Test
    void should_refuse_to_create_a_file_through_a_dangling_link() throws IOException {
        // given a link whose target does not exist yet: writing it would create the target, outside
        Files.createSymbolicLink(checkout.resolve("new.py"), host.resolve("created.py"));

        // when
        WorkTools.Result result = call("write_file", Map.of("path", "new.py", "content", "pwned\n"));

        // then
        assertThat(result.edited()).isFalse();
        assertThat(result.text()).contains("new.py is a symbolic link");
        assertThat(host.resolve("created.py")).doesNotExist();
    }

    @Test
    void should_refuse_to_write_through_a_link_inside_the_checkout_to_a_pinned_file() throws IOException {
        // given an editable name that links to the evaluator, which is pinned
        Files.createSymbolicLink(checkout.resolve("helper.py"), Path.of("evaluate.py"));

        // when
        WorkTools.Result result = call("write_file", Map.of("path", "helper.py", "content", "print(1e9)\n"));

        // then
        assertThat(result.edited()).isFalse();
        assertThat(result.text()).contains("helper.py is a symbolic link");
        assertThat(Files.readString(checkout.resolve("evaluate.py"))).contains("\"score\": 1");
    }

    @Test
    void should_refuse_to_apply_edits_to_a_linked_file() throws IOException {
        // given solver.py replaced by a link to a host file with the same text
        Files.writeString(host.resolve("solver.py"), "STEP = 5\n");
        Files.delete(checkout.resolve("solver.py"));
        Files.createSymbolicLink(checkout.resolve("solver.py"), host.resolve("solver.py"));

        // when
        WorkTools.Result result = call(
                "apply_edits",
                Map.of("edits", "solver.py\n<<<<<<< SEARCH\nSTEP = 5\n=======\nSTEP = 3\n>>>>>>> REPLACE\n"));

        // then
        assertThat(result.edited()).isFalse();
        assertThat(result.text()).contains("not applied", "solver.py is a symbolic link");
        assertThat(Files.readString(host.resolve("solver.py"))).isEqualTo("STEP = 5\n");
    }

    @Test
    void should_refuse_to_read_a_link_to_a_host_file() throws IOException {
        // given
        Files.createSymbolicLink(checkout.resolve("notes.txt"), host.resolve("config.txt"));

        // when
        WorkTools.Result result = call("read_file", Map.of("path", "notes.txt"));

        // then
        assertThat(result.text())
                .contains("notes.txt", "symbolic link", "out of the work directory")
                .doesNotContain(SECRET)
                .doesNotContain(host.toString());
    }

    @Test
    void should_refuse_to_read_a_link_to_proc_self_environ() throws IOException {
        // given Clade's own environment behind a link (where /proc is missing the link dangles: refused all the same)
        Files.createSymbolicLink(checkout.resolve("env.txt"), Path.of("/proc/self/environ"));

        // when
        WorkTools.Result result = call("read_file", Map.of("path", "env.txt"));

        // then
        assertThat(result.text()).contains("env.txt", "symbolic link").doesNotContain("PATH=");
        String path = System.getenv("PATH");
        if (path != null) {
            assertThat(result.text()).doesNotContain(path);
        }
    }

    @Test
    void should_refuse_to_read_through_a_linked_directory() throws IOException {
        // given
        Files.createSymbolicLink(checkout.resolve("lib"), host);

        // when
        WorkTools.Result result = call("read_file", Map.of("path", "lib/sub/keys.txt"));

        // then
        assertThat(result.text())
                .contains("lib/sub/keys.txt", "lib is a symbolic link")
                .doesNotContain(SECRET);
    }

    @Test
    void should_refuse_a_link_that_climbs_out_through_another_link() throws IOException {
        // given "here" is the checkout itself, so "here/.." is its parent although it reads as the checkout
        Files.createSymbolicLink(checkout.resolve("here"), Path.of("."));
        Files.createSymbolicLink(checkout.resolve("sneaky.txt"), Path.of("here/../host/config.txt"));

        // when
        WorkTools.Result result = call("read_file", Map.of("path", "sneaky.txt"));

        // then
        assertThat(result.text())
                .contains("sneaky.txt", "out of the work directory")
                .doesNotContain(SECRET);
    }

    @Test
    void should_not_list_or_search_through_a_linked_directory() throws IOException {
        // given a linked folder and a linked file, both out of the checkout
        Files.createSymbolicLink(checkout.resolve("lib"), host);
        Files.createSymbolicLink(checkout.resolve("notes.txt"), host.resolve("config.txt"));

        // when
        String listing = call("list_files", Map.of("path", "lib/sub")).text();
        String all = call("list_files", Map.of()).text();
        String everywhere = call("search", Map.of("pattern", SECRET)).text();
        String inLinked =
                call("search", Map.of("pattern", SECRET, "path", "lib")).text();

        // then
        assertThat(listing).contains("lib/sub", "lib is a symbolic link").doesNotContain("keys.txt");
        assertThat(all)
                .contains("solver.py")
                .contains("notes.txt  (symbolic link out of the work directory, never followed)")
                .doesNotContain("keys.txt");
        assertThat(everywhere).isEqualTo("no match");
        assertThat(inLinked).contains("lib is a symbolic link").doesNotContain(SECRET);
    }

    @Test
    void should_read_and_list_through_a_link_that_stays_inside_the_checkout() throws IOException {
        // given
        Files.createDirectories(checkout.resolve("docs/v2"));
        Files.writeString(checkout.resolve("docs/v2/guide.md"), "# Guide\n");
        Files.createSymbolicLink(checkout.resolve("docs/latest"), Path.of("v2"));

        // when
        String read = call("read_file", Map.of("path", "docs/latest/guide.md")).text();
        String listing = call("list_files", Map.of("path", "docs")).text();

        // then
        assertThat(read).isEqualTo("1: # Guide\n");
        assertThat(listing).contains("docs/latest  (symbolic link)", "docs/v2/guide.md");
    }

    @Test
    void should_refuse_a_file_that_has_another_hard_link() throws IOException {
        // given a hard link to a host file (same file system): it cannot be told from the original but by its count
        Files.createLink(checkout.resolve("shared.txt"), host.resolve("config.txt"));

        // when
        String read = call("read_file", Map.of("path", "shared.txt")).text();
        String found = call("search", Map.of("pattern", SECRET)).text();
        WorkTools.Result write = call("write_file", Map.of("path", "shared.txt", "content", "pwned\n"));

        // then
        assertThat(read).contains("shared.txt", "hard link").doesNotContain(SECRET);
        assertThat(found).isEqualTo("no match");
        assertThat(write.edited()).isFalse();
        assertThat(Files.readString(host.resolve("config.txt"))).contains(SECRET);
    }

    private WorkTools.Result call(String tool, Map<String, String> arguments) throws IOException {
        return tools.call(tool, JSON.writeValueAsString(arguments));
    }
}
