package dev.clade.sandbox.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clade.sandbox.Isolation;
import dev.clade.sandbox.SandboxException;
import dev.clade.sandbox.SandboxRequest;
import dev.clade.sandbox.SandboxResult;
import dev.clade.sandbox.Termination;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What SlurmSandbox decides before it talks to Slurm; no cluster needed. */
class SlurmSandboxWithoutClusterTest {

    @TempDir
    Path dir;

    @Test
    void should_fail_naming_a_missing_working_directory() {
        // given
        Path missing = dir.resolve("not-there");

        // when / then
        assertThatThrownBy(() -> sandbox().run(SandboxRequest.of(List.of("true"), missing)))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void should_fail_when_a_log_cannot_be_written_before_submitting() throws IOException {
        // given
        Path log = Files.writeString(dir.resolve("file"), "x").resolve("stdout.log");

        // when / then
        assertThatThrownBy(() ->
                        sandbox().run(SandboxRequest.of(List.of("true"), dir).withLogs(log, dir.resolve("stderr.log"))))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining(log.toString());
    }

    @Test
    void should_fail_saying_sbatch_is_not_on_path() throws IOException {
        // given: a PATH without Slurm's commands
        Path emptyBin = Files.createDirectories(dir.resolve("bin"));
        SlurmSandbox sandbox = new SlurmSandbox(
                SlurmSettings.defaults().withSpoolDirectory(dir.resolve("spool")),
                SlurmSandbox.MINIMAL_ENVIRONMENT,
                Map.of("PATH", emptyBin.toString()));

        // when / then
        assertThatThrownBy(() -> sandbox.run(SandboxRequest.of(List.of("true"), dir)))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("sbatch not found on PATH");
        assertThat(dir.resolve("spool")).isEmptyDirectory();
    }

    @Test
    void should_refuse_strict_isolation_it_cannot_give() {
        // when
        SandboxResult result = sandbox()
                .run(SandboxRequest.of(List.of("true"), dir)
                        .withIsolation(Isolation.defaults().withStrict(true)));

        // then
        assertThat(result.termination()).isInstanceOf(Termination.Refused.class);
        assertThat(result.termination().describe()).contains("strict isolation", "network");
    }

    @Test
    void should_say_it_applies_no_filesystem_or_network_isolation() {
        assertThat(new SlurmSandbox(SlurmSettings.defaults().withPartition("gpu")).isolation())
                .contains("Slurm batch job", "partition gpu", "no filesystem or network isolation");
    }

    private SlurmSandbox sandbox() {
        return new SlurmSandbox(SlurmSettings.defaults().withSpoolDirectory(dir.resolve("spool")));
    }
}
