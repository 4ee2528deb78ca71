package dev.clade.sandbox;

import static dev.clade.sandbox.Processes.sh;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What {@link BubblewrapSandbox} says and does where a part of its isolation is missing. */
@ExtendWith(RequiresBubblewrap.class)
class BubblewrapReportingTest {

    private static final Duration GRACE = Duration.ofMillis(500);

    @TempDir
    Path dir;

    @Test
    void should_say_when_user_namespaces_are_refused() throws IOException {
        // given: a bwrap that fails as a kernel without unprivileged user namespaces makes it fail
        Path real = HostTools.find("bwrap").orElseThrow();
        Path fake = Files.writeString(dir.resolve("bwrap"), """
                #!/bin/sh
                for argument; do
                  if [ "$argument" = --unshare-user ]; then
                    echo "bwrap: No permissions to create a new namespace" >&2
                    exit 1
                  fi
                done
                exec %s "$@"
                """.formatted(real));
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        BubblewrapHost host = BubblewrapHost.probe(Optional.of(fake));

        // when
        BubblewrapSandbox sandbox = new BubblewrapSandbox(
                EnvironmentPolicy.defaults(), GRACE, List.of(), System.getenv(), host, Cgroups.host());
        SandboxResult result = sandbox.run(SandboxRequest.of(sh("echo ran"), dir));

        // then: as root bwrap still isolates, without a user namespace; otherwise it cannot run at all
        assertThat(result.succeeded()).isTrue();
        assertThat(sandbox.isolation())
                .contains(
                        "no user namespace (user namespaces refused: bwrap: No permissions to create a new namespace)");
        assertThat(sandbox.isolates()).isEqualTo(host.root());
    }

    @Test
    void should_say_how_it_limits_without_a_cgroup() {
        // given
        BubblewrapHost host = BubblewrapHost.probe();

        // when
        BubblewrapSandbox sandbox = new BubblewrapSandbox(
                EnvironmentPolicy.defaults(), GRACE, List.of(), System.getenv(), host, Cgroups.none("no cgroup here"));

        // then
        String processes = host.root()
                ? "process limit: only watched every 100 ms, the run killed when over, since Clade runs as root, where"
                        + " RLIMIT_NPROC does not apply, and no cgroup here"
                : "process limit: RLIMIT_NPROC in the run's own user namespace";
        assertThat(sandbox.isolation())
                .contains(processes)
                .contains("memory limit: RLIMIT_AS per process (address space), since no cgroup here");
    }

    @Test
    void should_pick_bubblewrap_as_the_best_sandbox_here() {
        // when
        Sandbox best = Sandboxes.best();

        // then
        assertThat(best).isInstanceOf(BubblewrapSandbox.class);
        assertThat(best.isolation()).startsWith("bubblewrap; ");
    }
}
