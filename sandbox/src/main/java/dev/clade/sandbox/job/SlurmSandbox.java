package dev.clade.sandbox.job;

import dev.clade.sandbox.EnvironmentPolicy;
import dev.clade.sandbox.Isolation;
import dev.clade.sandbox.Sandbox;
import dev.clade.sandbox.SandboxException;
import dev.clade.sandbox.SandboxRequest;
import dev.clade.sandbox.SandboxResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Runs each command as a Slurm batch job: {@code sbatch --parsable --export=NONE} with {@code --time} (the
 * request's timeout rounded up to minutes, plus a margin), {@code --gres=gpu:N} (only for N > 0), {@code --mem},
 * {@code --cpus-per-task} and the configured partition; the batch script enters the working directory and runs the
 * argv with only a minimal PATH, HOME and LANG of this host, the request's variables and the job's Slurm and GPU
 * variables (see {@link BatchScript}). {@code sbatch}, {@code scontrol}, {@code squeue} and {@code scancel} are
 * found on PATH.
 *
 * <p>The job is watched with {@code scontrol show job}, at growing intervals up to {@link
 * SlurmSettings#maxPollInterval()}. The timeout counts from when the job is first seen running, not from submission
 * (queueing is bounded by {@link SlurmSettings#maxQueueWait()} instead); at the timeout the job is {@code scancel}ed
 * and waited for until {@code squeue} no longer lists it, and the result is {@code TimedOut}. How a job that ended
 * reads is {@link SlurmJobState#termination}: its exit code ({@code ExitCode=N:S}, {@code 128 + S} for a signal),
 * or {@code Lost} when Slurm or someone else ended it (NODE_FAIL, BOOT_FAIL, PREEMPTED, an outside {@code scancel})
 * or when the job vanishes from Slurm without an end state. A request Slurm rejects at submission (more GPUs or
 * memory than any node has, an unknown partition) is {@code Refused} with sbatch's reason.
 *
 * <p><b>Shared files.</b> The working directory must exist at the same path on the compute node, and the {@link
 * SlurmSettings#spoolDirectory() spool folder} must be shared with it: Slurm writes the job's raw output there, and
 * this host copies it into the request's capped logs once the job ends. On a one-node cluster nothing needs to be
 * shared.
 *
 * <p>Isolation is the cluster's: no network or filesystem isolation, memory and CPUs enforced only where the
 * cluster's cgroup plugins are configured. A request with {@link Isolation#strict()} is therefore refused.
 */
public final class SlurmSandbox implements Sandbox {

    /** The host variables a job gets, before the request's own. */
    public static final EnvironmentPolicy MINIMAL_ENVIRONMENT =
            new EnvironmentPolicy(Set.of("PATH", "HOME", "LANG"), Set.of());

    private static final Logger LOG = Logger.getLogger(SlurmSandbox.class);
    private static final String FALLBACK_PATH = "/usr/local/bin:/usr/bin:/bin";

    private final SlurmSettings settings;
    private final SlurmCommands slurm;
    private final Map<String, String> jobBaseEnvironment;

    public SlurmSandbox(SlurmSettings settings) {
        this(settings, MINIMAL_ENVIRONMENT, System.getenv());
    }

    /**
     * @param settings partition, spool folder and polling
     * @param jobEnvironment which variables of this host a job gets (PATH falls back to a standard one)
     * @param hostEnvironment the environment of this host: PATH to find Slurm's commands, which also run with it
     */
    SlurmSandbox(SlurmSettings settings, EnvironmentPolicy jobEnvironment, Map<String, String> hostEnvironment) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.slurm = new SlurmCommands(hostEnvironment);
        Map<String, String> base = new TreeMap<>(jobEnvironment.filter(hostEnvironment));
        base.putIfAbsent("PATH", FALLBACK_PATH);
        this.jobBaseEnvironment = Map.copyOf(base);
    }

    @Override
    public String isolation() {
        return "Slurm batch job (sbatch --export=NONE"
                + settings.partition().map(p -> ", partition " + p).orElse("")
                + "); environment scrubbed to PATH, HOME, LANG and the request's variables; output capped per stream;"
                + " GPUs, memory and CPUs asked of Slurm, enforced as far as the cluster's plugins do;"
                + " no filesystem or network isolation";
    }

    /**
     * {@inheritDoc}
     *
     * @throws SandboxException also when Slurm's commands are not on PATH, sbatch fails for a reason other than the
     *     request (the controller is down), Slurm does not answer about the job for 5 minutes, or the calling thread
     *     is interrupted (the job is cancelled first; the interrupt flag is kept)
     */
    @Override
    public SandboxResult run(SandboxRequest request) {
        if (!Files.isDirectory(request.workingDirectory())) {
            throw new SandboxException(
                    "working directory does not exist or is not a directory: " + request.workingDirectory());
        }
        if (request.isolation().strict()) {
            return Refusals.refused(
                    request,
                    "strict isolation asked for, but a Slurm job has the network and"
                            + " filesystem of its compute node");
        }
        // written empty now, so that a log that cannot be written fails the run before a job is queued
        Refusals.emptyLog(request.stdoutLog());
        Refusals.emptyLog(request.stderrLog());
        Path spool = createSpool();
        try {
            return submitAndWatch(request, spool);
        } finally {
            deleteQuietly(spool);
        }
    }

    private SandboxResult submitAndWatch(SandboxRequest request, Path spool) {
        Path rawStdout = spool.resolve("stdout");
        Path rawStderr = spool.resolve("stderr");
        SlurmCommands.Output submitted = slurm.run(
                "sbatch",
                Sbatch.arguments(request, settings, rawStdout, rawStderr),
                BatchScript.render(request, jobBaseEnvironment));
        if (!submitted.ok()) {
            return Refusals.refused(request, refusal(submitted));
        }
        String jobId = jobId(submitted);
        LOG.debugf("submitted %s as Slurm job %s (raw output in %s)", request.command(), jobId, spool);
        SlurmJobWatch.Outcome outcome = new SlurmJobWatch(slurm, jobId, request.timeout(), settings).await();
        SandboxResult result = new SandboxResult(
                outcome.termination(),
                outcome.elapsed(),
                CappedLog.copy(rawStdout, request.stdoutLog(), request.outputLimitBytes()),
                CappedLog.copy(rawStderr, request.stderrLog(), request.outputLimitBytes()));
        if (outcome.interrupted()) {
            Thread.currentThread().interrupt();
            throw new SandboxException(
                    "interrupted while Slurm job " + jobId + " ran " + request.command() + "; the job was cancelled");
        }
        LOG.debugf("Slurm job %s %s after %s", jobId, result.termination().describe(), result.elapsed());
        return result;
    }

    private static String jobId(SlurmCommands.Output submitted) {
        try {
            return Sbatch.jobId(submitted.stdout());
        } catch (IllegalArgumentException e) {
            throw new SandboxException("cannot read sbatch's answer: " + e.getMessage(), e);
        }
    }

    /**
     * sbatch's reason for rejecting a job; a controller that cannot be reached is broken infrastructure, not a
     * refusal.
     */
    private static String refusal(SlurmCommands.Output submitted) {
        String reason = submitted.text();
        if (reason.contains("Unable to contact")
                || reason.contains("Socket timed out")
                || submitted.exitCode() == 124) {
            throw new SandboxException("cannot submit to Slurm: " + reason);
        }
        return "Slurm rejected the job: " + reason.replaceFirst("^sbatch: error: ", "");
    }

    private Path createSpool() {
        try {
            Files.createDirectories(settings.spoolDirectory());
            return Files.createTempDirectory(settings.spoolDirectory(), "job-");
        } catch (IOException e) {
            throw new SandboxException("cannot create a job folder in " + settings.spoolDirectory() + ": " + e, e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            List<Path> deepestFirst =
                    new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path path : deepestFirst) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.debugf("could not delete job folder %s: %s", folder, e);
        }
    }
}
