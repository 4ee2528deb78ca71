package dev.clade.sandbox.job;

import dev.clade.sandbox.Resources;
import dev.clade.sandbox.SandboxRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code sbatch} command line for a request; the script itself goes to sbatch's standard input. */
final class Sbatch {

    /** Every job's name in {@code squeue}. */
    static final String JOB_NAME = "clade";

    private static final long MIB = 1024 * 1024;

    private Sbatch() {}

    /**
     * @param stdout where Slurm writes the job's raw standard output
     * @param stderr where Slurm writes the job's raw standard error
     */
    static List<String> arguments(SandboxRequest request, SlurmSettings settings, Path stdout, Path stderr) {
        List<String> args = new ArrayList<>(List.of(
                "--parsable",
                "--export=NONE",
                // Clade decides whether to retry; a silent requeue would run the command twice into one log
                "--no-requeue",
                "--job-name=" + JOB_NAME,
                "--output=" + filePattern(stdout),
                "--error=" + filePattern(stderr),
                "--time=" + timeLimitMinutes(request.timeout(), settings.timeLimitMargin())));
        settings.partition().ifPresent(partition -> args.add("--partition=" + partition));
        Resources resources = request.resources();
        if (resources.gpus() > 0) {
            args.add("--gres=gpu:" + resources.gpus());
        }
        resources.memoryBytes().ifPresent(bytes -> args.add("--mem=" + Math.max(1, Math.ceilDiv(bytes, MIB)) + "M"));
        resources.cpus().ifPresent(cpus -> args.add("--cpus-per-task=" + cpus));
        return args;
    }

    /** Whole minutes: the timeout rounded up, plus the margin rounded up. */
    static long timeLimitMinutes(Duration timeout, Duration margin) {
        return Math.max(1, Math.ceilDiv(timeout.toMillis(), 60_000)) + Math.ceilDiv(margin.toMillis(), 60_000);
    }

    /**
     * The job id in {@code sbatch --parsable}'s answer ({@code id} or {@code id;cluster}).
     *
     * @throws IllegalArgumentException when the answer holds no job id
     */
    static String jobId(String parsable) {
        String id = parsable.strip().split(";", 2)[0];
        if (!id.matches("\\d+(_\\d+)?")) {
            throw new IllegalArgumentException("no job id in sbatch's answer: '" + parsable.strip() + "'");
        }
        return id;
    }

    /** Slurm expands {@code %j} and the like in file names; {@code %%} is a literal percent sign. */
    private static String filePattern(Path file) {
        return file.toAbsolutePath().toString().replace("%", "%%");
    }
}
