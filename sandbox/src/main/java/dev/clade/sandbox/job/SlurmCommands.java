package dev.clade.sandbox.job;

import dev.clade.sandbox.SandboxException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs Slurm's client commands ({@code sbatch}, {@code scontrol}, {@code squeue}, {@code scancel}), found on the
 * PATH of the given host environment, which they also get (so {@code SLURM_CONF} and the like are honoured). Each
 * call is bounded; a call is not cut short by an interrupt (a half-done {@code sbatch} would leave a job nobody
 * knows of): the interrupt flag is kept for the caller to act on.
 */
final class SlurmCommands {

    /** A Slurm command's answer. */
    record Output(int exitCode, String stdout, String stderr) {

        boolean ok() {
            return exitCode == 0;
        }

        /** Both streams, stripped, for messages. */
        String text() {
            return (stdout.strip() + " " + stderr.strip()).strip();
        }
    }

    /** A controller that takes longer than this is treated as not answering. */
    static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);

    private final Map<String, String> hostEnvironment;

    SlurmCommands(Map<String, String> hostEnvironment) {
        this.hostEnvironment = Map.copyOf(hostEnvironment);
    }

    /**
     * Runs {@code name args...} with {@code stdin} as its input.
     *
     * @throws SandboxException when the command is not on PATH or cannot start
     */
    Output run(String name, List<String> args, String stdin) {
        Path program = find(name)
                .orElseThrow(() -> new SandboxException(name + " not found on PATH ("
                        + hostEnvironment.getOrDefault("PATH", "") + "); is this host a Slurm client?"));
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(program.toString());
        argv.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().clear();
        builder.environment().putAll(hostEnvironment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SandboxException("cannot start " + argv + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> stdout = readAsync(process.getInputStream());
        CompletableFuture<String> stderr = readAsync(process.getErrorStream());
        try (OutputStream input = process.getOutputStream()) {
            input.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the command exited without reading all of it; its exit code says why
        }
        boolean ended = waitUninterruptibly(process);
        if (!ended) {
            process.destroyForcibly();
            return new Output(124, "", name + " did not answer within " + COMMAND_LIMIT.toSeconds() + "s");
        }
        return new Output(process.exitValue(), stdout.join(), stderr.join());
    }

    private static boolean waitUninterruptibly(Process process) {
        long deadline = System.nanoTime() + COMMAND_LIMIT.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return process.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException | UncheckedIOException e) {
                text.complete("");
            }
        });
        return text;
    }

    private Optional<Path> find(String name) {
        for (String folder : hostEnvironment.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!folder.isEmpty()) {
                Path candidate = Path.of(folder, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code scontrol show job -o <id>}, read as a state, as gone, or as no answer. */
    SlurmPoll poll(String jobId) {
        Output output = run("scontrol", List.of("show", "job", "-o", jobId), "");
        if (!output.ok() && output.text().contains("Invalid job id")) {
            return new SlurmPoll.Gone();
        }
        if (!output.ok()) {
            return new SlurmPoll.NoAnswer("scontrol exited with " + output.exitCode() + ": " + output.text());
        }
        return SlurmJobState.parse(output.stdout())
                .<SlurmPoll>map(SlurmPoll.Known::new)
                .orElseGet(() -> new SlurmPoll.NoAnswer("no JobState in scontrol's answer: " + output.text()));
    }

    /**
     * Whether the job is out of the queue: {@code squeue} no longer lists it (done, and its processes gone), or
     * Slurm no longer knows it. Empty when squeue did not answer.
     */
    Optional<Boolean> leftQueue(String jobId) {
        Output output = run("squeue", List.of("--noheader", "--jobs=" + jobId, "--format=%T"), "");
        if (!output.ok() && output.text().contains("Invalid job id")) {
            return Optional.of(true);
        }
        return output.ok() ? Optional.of(output.stdout().isBlank()) : Optional.empty();
    }

    Output cancel(String jobId) {
        return run("scancel", List.of(jobId), "");
    }
}
