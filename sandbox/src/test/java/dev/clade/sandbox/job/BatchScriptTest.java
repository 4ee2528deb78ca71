package dev.clade.sandbox.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.sandbox.Resources;
import dev.clade.sandbox.SandboxRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch script, run here with /bin/sh in an environment like a compute node's, without Slurm. */
class BatchScriptTest {

    private static final String PATH = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    private static final Map<String, String> BASE = Map.of("PATH", PATH, "HOME", "/home/evaluator", "LANG", "C.UTF-8");

    @TempDir
    Path dir;

    @Test
    void should_start_with_a_shebang() {
        assertThat(BatchScript.render(SandboxRequest.of(List.of("true"), dir), BASE))
                .startsWith("#!/bin/sh\n");
    }

    @Test
    void should_pass_every_argument_literally() throws Exception {
        // given
        List<String> argv = List.of("printf", "[%s]\\n", "it's", "$HOME", "two words", "new\nline", "", "`id`");

        // when
        Ran ran = runOnNode(SandboxRequest.of(argv, dir), Map.of());

        // then
        assertThat(ran.exitCode()).isZero();
        assertThat(ran.stdout()).isEqualTo("[it's]\n[$HOME]\n[two words]\n[new\nline]\n[]\n[`id`]\n");
    }

    @Test
    void should_give_the_command_only_its_own_base_and_job_variables() throws Exception {
        // given: the node's environment, with what Slurm's user-environment loading and the host could leak
        Map<String, String> node = Map.of(
                "SLURM_JOB_ID", "42",
                "SLURM_CPUS_ON_NODE", "2",
                "TMPDIR", "/scratch/job-42",
                "CUDA_VISIBLE_DEVICES", "3",
                "GITHUB_TOKEN", "ghp-not-for-evaluators",
                "PYENV_ROOT", "/home/someone/.pyenv");
        SandboxRequest request = SandboxRequest.of(List.of("env"), dir)
                .withEnvironment(Map.of("CLADE_NODE", "n-42", "SLURM_JOB_ID", "spoofed", "LANG", "C"));

        // when
        Ran ran = runOnNode(request, node);

        // then
        assertThat(ran.stdout().lines().sorted())
                .containsExactly(
                        "CLADE_NODE=n-42",
                        "CUDA_VISIBLE_DEVICES=",
                        "HOME=/home/evaluator",
                        "LANG=C",
                        "PATH=" + PATH,
                        "SLURM_CPUS_ON_NODE=2",
                        "SLURM_JOB_ID=42",
                        "TMPDIR=/scratch/job-42");
    }

    @Test
    void should_pass_on_the_gpus_slurm_allocated() throws Exception {
        // given
        SandboxRequest request = SandboxRequest.of(List.of("/bin/sh", "-c", "echo \"[$CUDA_VISIBLE_DEVICES]\""), dir)
                .withEnvironment(Map.of("CUDA_VISIBLE_DEVICES", "0,1,2,3"))
                .withResources(resources(2, OptionalLong.empty()));

        // when / then
        assertThat(runOnNode(request, Map.of("CUDA_VISIBLE_DEVICES", "1,3")).stdout())
                .isEqualTo("[1,3]\n");
    }

    @Test
    void should_run_in_the_working_directory_under_the_cpu_time_limit() throws Exception {
        // given
        SandboxRequest request = SandboxRequest.of(List.of("/bin/sh", "-c", "pwd; ulimit -t"), dir)
                .withResources(resources(0, OptionalLong.of(17)));

        // when / then
        assertThat(runOnNode(request, Map.of()).stdout()).isEqualTo(dir.toRealPath() + "\n17\n");
    }

    @Test
    void should_run_a_program_whose_name_contains_an_equals_sign() throws Exception {
        // given
        Path program = dir.resolve("a=b");
        Files.writeString(program, "#!/bin/sh\necho \"ran $0\"\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));

        // when / then
        assertThat(runOnNode(SandboxRequest.of(List.of("./a=b"), dir), Map.of()).stdout())
                .isEqualTo("ran ./a=b\n");
    }

    @Test
    void should_fail_when_the_working_directory_is_not_on_the_node() throws Exception {
        // given
        SandboxRequest request = SandboxRequest.of(List.of("true"), dir.resolve("only-on-the-submit-host"));

        // when
        Ran ran = runOnNode(request, Map.of());

        // then
        assertThat(ran.exitCode()).isEqualTo(1);
        assertThat(ran.stderr()).contains("only-on-the-submit-host");
    }

    private record Ran(int exitCode, String stdout, String stderr) {}

    private Ran runOnNode(SandboxRequest request, Map<String, String> node) throws IOException, InterruptedException {
        Path script = Files.writeString(dir.resolve("job.sh"), BatchScript.render(request, BASE));
        Path stdout = dir.resolve("job.out");
        Path stderr = dir.resolve("job.err");
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", script.toString())
                .directory(Files.createTempDirectory("node").toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        Map<String, String> environment = new HashMap<>(node);
        environment.put("PATH", PATH);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new Ran(
                process.exitValue(),
                Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private static Resources resources(int gpus, OptionalLong cpuSeconds) {
        return new Resources(gpus, OptionalInt.empty(), OptionalLong.empty(), cpuSeconds, OptionalInt.empty());
    }
}
