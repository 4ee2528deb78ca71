package dev.clade.sandbox;

import static dev.clade.sandbox.Processes.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Evaluators that reach for what they must not: the network, the host's secrets and home, files outside their
 * folder. Each is run for real in {@link BubblewrapSandbox}.
 */
@ExtendWith(RequiresBubblewrap.class)
@Timeout(60)
class HostileAccessTest {

    private static final Map<String, String> HOST = Map.of(
            "PATH", System.getenv("PATH"),
            "OPENAI_API_KEY", "sk-not-for-evaluators",
            "GITHUB_TOKEN", "ghp-not-for-evaluators");

    private BubblewrapSandbox sandbox;
    private Path base;
    private Path work;

    @BeforeEach
    void folders() throws IOException {
        base = Files.createDirectories(
                Path.of("target", "hostile-" + UUID.randomUUID()).toAbsolutePath());
        work = Files.createDirectories(base.resolve("work"));
        // shown read-only, so that what lies around the working directory is there to attack, also where the build
        // runs under the home or under /tmp (which the sandbox would otherwise hide)
        sandbox = new BubblewrapSandbox(
                EnvironmentPolicy.defaults(),
                Duration.ofMillis(500),
                List.of(base),
                HOST,
                BubblewrapHost.probe(),
                Cgroups.host());
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (sandbox == null) {
            return; // skipped before it began
        }
        SandboxResult next = sandbox.run(aRequest("echo next run"));
        assertThat(next.stdout().lastLine()).contains("next run");
        try (var files = Files.walk(base)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                    .forEach(path -> path.toFile().delete());
        }
    }

    private SandboxRequest aRequest(String script) {
        return SandboxRequest.of(sh(script), work).withTimeout(Duration.ofSeconds(20));
    }

    @Test
    void should_reach_a_local_server_only_when_network_is_allowed() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            // given
            AtomicInteger accepted = new AtomicInteger();
            Thread.ofVirtual().start(() -> acceptAll(server, accepted));
            String connect = "bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort() + "' && echo connected";

            // when
            SandboxResult offline = sandbox.run(aRequest(connect));
            SandboxResult online = sandbox.run(
                    aRequest(connect).withIsolation(Isolation.defaults().withNetwork(true)));

            // then
            assertThat(offline.succeeded()).isFalse();
            assertThat(offline.stderr().tail()).contains("Connection refused");
            assertThat(online.succeeded()).isTrue();
            assertThat(online.stdout().lastLine()).contains("connected");
            await().atMost(Duration.ofSeconds(5)).until(() -> accepted.get() == 1);
        }
    }

    @Test
    void should_not_see_host_secrets_in_its_environment_or_in_proc() {
        // when
        long clade = ProcessHandle.current().pid();
        SandboxResult result = sandbox.run(aRequest("env; cat /proc/" + clade + "/environ; ls /proc"));

        // then
        assertThat(result.stdout().tail())
                .contains("PATH=")
                .doesNotContain("OPENAI_API_KEY", "GITHUB_TOKEN", "not-for-evaluators");
        assertThat(result.stderr().tail()).contains("/proc/" + clade + "/environ: No such file or directory");
    }

    @Test
    void should_not_see_the_home_nor_hidden_folders() throws IOException {
        // given
        Path hidden = Files.createDirectories(base.resolve("clade-data"));
        Path secret = Files.writeString(hidden.resolve("secret.txt"), "top secret");
        Path home = Path.of(System.getProperty("user.home")).toRealPath();
        SandboxRequest request = aRequest("cat " + secret + "; ls -A " + home + "; echo listed; touch " + home + "/x")
                .withIsolation(Isolation.defaults().withHidden(List.of(hidden)));

        // when
        SandboxResult result = sandbox.run(request);

        // then: the home is empty, but for the way to the folders shown read-only
        String shown = base.startsWith(home) ? home.relativize(base).getName(0) + "\n" : "";
        assertThat(result.stdout().tail()).isEqualTo(shown + "listed\n");
        assertThat(result.stderr().tail())
                .contains(secret + ": No such file or directory")
                .contains("Read-only file system")
                .doesNotContain("top secret");
    }

    @Test
    void should_not_write_outside_its_folder() throws IOException {
        // given
        Path target = Files.writeString(base.resolve("target.txt"), "original");
        String script = "echo evil > " + target + "; echo evil > ../new.txt; echo private > /tmp/clade-"
                + base.getFileName() + " && echo wrote-tmp; echo fine > inside.txt";

        // when
        SandboxResult result = sandbox.run(aRequest(script));

        // then
        assertThat(result.stderr().tail()).contains(target + ": Read-only file system");
        assertThat(Files.readString(target)).isEqualTo("original");
        assertThat(base.resolve("new.txt")).doesNotExist();
        assertThat(result.stdout().tail()).contains("wrote-tmp");
        assertThat(Path.of("/tmp", "clade-" + base.getFileName())).doesNotExist();
        assertThat(Files.readString(work.resolve("inside.txt"))).isEqualTo("fine\n");
    }

    @Test
    void should_read_but_not_change_a_read_only_folder_and_write_a_writable_one() throws IOException {
        // given
        Path data = Files.createDirectories(base.resolve("data"));
        Path input = Files.writeString(data.resolve("input.txt"), "input");
        Path metrics = Files.createDirectories(base.resolve("metrics"));
        String script = "cat " + input + "; echo; echo changed >> " + input + "; rm -f " + input + "; touch " + data
                + "/new; echo '{\"score\": 1}' > " + metrics + "/m.json";

        // when
        SandboxResult result =
                sandbox.run(aRequest(script).withIsolation(Isolation.defaults().withWritable(List.of(metrics))));

        // then
        assertThat(result.stdout().tail()).isEqualTo("input\n");
        assertThat(result.stderr().tail()).contains("Read-only file system");
        assertThat(Files.readString(input)).isEqualTo("input");
        assertThat(data.resolve("new")).doesNotExist();
        assertThat(Files.readString(metrics.resolve("m.json"))).isEqualTo("{\"score\": 1}\n");
    }

    private static void acceptAll(ServerSocket server, AtomicInteger accepted) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                accepted.incrementAndGet();
            } catch (IOException e) {
                return;
            }
        }
    }
}
