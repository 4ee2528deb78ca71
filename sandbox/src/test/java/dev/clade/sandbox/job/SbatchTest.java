package dev.clade.sandbox.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clade.sandbox.Resources;
import dev.clade.sandbox.SandboxRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SbatchTest {

    private static final Path DIR = Path.of("work");
    private static final Path OUT = Path.of("spool", "stdout");
    private static final Path ERR = Path.of("spool", "stderr");

    @Test
    void should_ask_for_what_the_request_needs() {
        // given
        SandboxRequest request = SandboxRequest.of(List.of("train.py"), DIR)
                .withTimeout(Duration.ofSeconds(61))
                .withResources(new Resources(
                        2,
                        OptionalInt.of(8),
                        OptionalLong.of(3L * 1024 * 1024 * 1024 + 1),
                        OptionalLong.empty(),
                        OptionalInt.empty()));
        SlurmSettings settings =
                SlurmSettings.defaults().withPartition("gpu").withTimeLimitMargin(Duration.ofMinutes(1));

        // when
        List<String> args = Sbatch.arguments(request, settings, OUT, ERR);

        // then
        assertThat(args)
                .containsExactly(
                        "--parsable",
                        "--export=NONE",
                        "--no-requeue",
                        "--job-name=clade",
                        "--output=" + OUT.toAbsolutePath(),
                        "--error=" + ERR.toAbsolutePath(),
                        "--time=3",
                        "--partition=gpu",
                        "--gres=gpu:2",
                        "--mem=3073M",
                        "--cpus-per-task=8");
    }

    @Test
    void should_ask_for_no_gpu_memory_or_partition_unless_asked() {
        // when
        List<String> args =
                Sbatch.arguments(SandboxRequest.of(List.of("true"), DIR), SlurmSettings.defaults(), OUT, ERR);

        // then
        assertThat(args)
                .noneMatch(arg -> arg.startsWith("--gres")
                        || arg.startsWith("--mem")
                        || arg.startsWith("--partition")
                        || arg.startsWith("--cpus"));
        assertThat(args).contains("--time=12"); // 10 minutes and 2 of margin
    }

    @Test
    void should_round_the_time_limit_up_to_whole_minutes() {
        assertThat(Sbatch.timeLimitMinutes(Duration.ofSeconds(1), Duration.ZERO))
                .isEqualTo(1);
        assertThat(Sbatch.timeLimitMinutes(Duration.ofSeconds(60), Duration.ZERO))
                .isEqualTo(1);
        assertThat(Sbatch.timeLimitMinutes(Duration.ofMillis(60_001), Duration.ofSeconds(1)))
                .isEqualTo(3);
        assertThat(Sbatch.timeLimitMinutes(Duration.ofHours(2), Duration.ofMinutes(2)))
                .isEqualTo(122);
    }

    @Test
    void should_keep_a_percent_sign_in_an_output_path_literal() {
        assertThat(Sbatch.arguments(
                        SandboxRequest.of(List.of("true"), DIR),
                        SlurmSettings.defaults(),
                        Path.of("100%", "stdout"),
                        ERR))
                .contains("--output=" + Path.of("100%%", "stdout").toAbsolutePath());
    }

    @Test
    void should_read_the_job_id_of_parsable_output() {
        assertThat(Sbatch.jobId("1234\n")).isEqualTo("1234");
        assertThat(Sbatch.jobId("1234;cluster-a\n")).isEqualTo("1234");
        assertThatThrownBy(() -> Sbatch.jobId("sbatch: error: something"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no job id");
    }
}
