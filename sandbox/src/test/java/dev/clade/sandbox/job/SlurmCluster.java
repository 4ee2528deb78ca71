package dev.clade.sandbox.job;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The Slurm cluster the tests run jobs on: whatever {@code sinfo} on PATH reaches, in CI the one node that {@code
 * .ci/slurm-up.sh} starts. Without {@code sinfo} or an idle node, tests that need it are skipped with a message
 * saying so, except under {@code CI=true}, where they fail.
 */
final class SlurmCluster {

    private SlurmCluster() {}

    /** Why the cluster cannot run the tests' jobs, found once (sinfo may take seconds to give up); empty if it can. */
    private static volatile Optional<String> problem;

    /**
     * Skips (or, in CI, fails) the calling test unless a Slurm node takes jobs. Call it before each test, so that
     * each one is reported skipped with the reason (a skip in {@code @BeforeAll} is not reported at all).
     */
    static void requireIdleNode() {
        if (problem == null) {
            problem = findProblem();
        }
        problem.ifPresent(found -> skipOrFail("Slurm tests need a cluster with an idle node, and " + found
                + "; start one with .ci/slurm-up.sh (after apt-get install -y slurm-wlm munge)"));
    }

    private static Optional<String> findProblem() {
        Run sinfo = run("sinfo", "--noheader", "--Node", "--format=%t");
        if (sinfo.exitCode() == 127) {
            return Optional.of("sinfo is not on PATH");
        }
        if (sinfo.exitCode() != 0) {
            return Optional.of("sinfo failed (" + sinfo.output().strip() + ")");
        }
        if (sinfo.output().lines().noneMatch(state -> state.equals("idle") || state.equals("mix"))) {
            return Optional.of("no Slurm node is idle (sinfo says: "
                    + sinfo.output().strip().replace('\n', ' ') + ")");
        }
        return Optional.empty();
    }

    private static void skipOrFail(String message) {
        if ("true".equals(System.getenv("CI"))) {
            fail(message + " [CI=true: not skipped]");
        }
        Assumptions.abort(message);
    }

    /** How many CPUs the first node has. */
    static int cpusOfNode() {
        return Integer.parseInt(run("sinfo", "--noheader", "--Node", "--format=%c")
                .output()
                .lines()
                .findFirst()
                .orElseThrow()
                .strip());
    }

    /** How many GPUs ({@code gpu} generic resources) the first node has; 0 for none. */
    static int gpusOfNode() {
        String gres = run("sinfo", "--noheader", "--Node", "--format=%G").output();
        Matcher gpus = Pattern.compile("gpu(?::[^:,(]+)?:(\\d+)").matcher(gres);
        return gpus.find() ? Integer.parseInt(gpus.group(1)) : 0;
    }

    /** Skips (or, in CI, fails) the calling test unless the cluster's node has at least this many GPUs. */
    static void requireGpus(int count) {
        int found = gpusOfNode();
        if (found < count) {
            skipOrFail("this test needs a Slurm node with " + count + " GPUs (gres gpu), and it has " + found
                    + "; .ci/slurm-up.sh declares two pretend ones");
        }
    }

    /** Whether squeue still lists the job (pending, running or completing). */
    static boolean listed(String jobId) {
        Run squeue = run("squeue", "--noheader", "--jobs=" + jobId, "--format=%T");
        return squeue.exitCode() == 0 && !squeue.output().isBlank();
    }

    /** {@code scontrol show job -o}. */
    static String show(String jobId) {
        return run("scontrol", "show", "job", "-o", jobId).output();
    }

    static void cancel(String jobId) {
        run("scancel", jobId);
    }

    /** Submits a job of the test's own (not through the sandbox); its id. */
    static String submit(String... sbatchArgs) {
        List<String> argv = new ArrayList<>(List.of("sbatch", "--parsable", "--output=/dev/null"));
        argv.addAll(List.of(sbatchArgs));
        Run sbatch = run(argv.toArray(String[]::new));
        if (sbatch.exitCode() != 0) {
            throw new IllegalStateException("sbatch failed: " + sbatch.output());
        }
        return Sbatch.jobId(sbatch.output());
    }

    record Run(int exitCode, String output) {}

    /** Runs a Slurm command; exit code 127 when it is not installed. */
    static Run run(String... argv) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Run(124, output + " (no answer in 60s)");
            }
            return new Run(process.exitValue(), output);
        } catch (IOException e) {
            return new Run(127, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(130, "interrupted");
        }
    }
}
