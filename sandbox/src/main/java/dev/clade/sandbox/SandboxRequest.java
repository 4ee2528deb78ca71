package dev.clade.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One command to run in a sandbox.
 *
 * @param command the argv, not empty; e.g. {@code List.of("/bin/sh", "-c", "python3 evaluate.py")}
 * @param workingDirectory where the command runs; must exist when the request is run
 * @param environment extra variables, added after the host environment is scrubbed (they win over it)
 * @param timeout how long the command may run before its whole process tree is killed; positive
 * @param outputLimitBytes per stream, the most bytes of the head of the stream kept in its log; positive
 * @param stdoutLog the file standard output is written to (parent directories are created)
 * @param stderrLog the file standard error is written to (parent directories are created)
 * @param isolation what the command may reach (network, writable and hidden folders)
 * @param resources limits the command runs under, and what a scheduler is asked for
 */
public record SandboxRequest(
        List<String> command,
        Path workingDirectory,
        Map<String, String> environment,
        Duration timeout,
        long outputLimitBytes,
        Path stdoutLog,
        Path stderrLog,
        Isolation isolation,
        Resources resources) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    public static final long DEFAULT_OUTPUT_LIMIT_BYTES = 8L * 1024 * 1024;

    public SandboxRequest {
        command = List.copyOf(Objects.requireNonNull(command, "command"));
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must not be empty");
        }
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        environment.forEach(SandboxRequest::requireValidVariable);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (outputLimitBytes <= 0) {
            throw new IllegalArgumentException("outputLimitBytes must be positive: " + outputLimitBytes);
        }
        Objects.requireNonNull(stdoutLog, "stdoutLog");
        Objects.requireNonNull(stderrLog, "stderrLog");
        if (stdoutLog
                .toAbsolutePath()
                .normalize()
                .equals(stderrLog.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("stdoutLog and stderrLog must differ: " + stdoutLog);
        }
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(resources, "resources");
    }

    /**
     * A request with no extra environment, a 10 minute timeout, an 8 MiB output limit per stream, and logs
     * {@code stdout.log} and {@code stderr.log} in the working directory (where the command can see them;
     * use {@link #withLogs} to keep them elsewhere).
     */
    public static SandboxRequest of(List<String> command, Path workingDirectory) {
        return new SandboxRequest(
                command,
                workingDirectory,
                Map.of(),
                DEFAULT_TIMEOUT,
                DEFAULT_OUTPUT_LIMIT_BYTES,
                workingDirectory.resolve("stdout.log"),
                workingDirectory.resolve("stderr.log"),
                Isolation.defaults(),
                Resources.none());
    }

    public SandboxRequest withEnvironment(Map<String, String> environment) {
        return with(copy -> copy.environment = environment);
    }

    public SandboxRequest withTimeout(Duration timeout) {
        return with(copy -> copy.timeout = timeout);
    }

    public SandboxRequest withOutputLimitBytes(long outputLimitBytes) {
        return with(copy -> copy.outputLimitBytes = outputLimitBytes);
    }

    public SandboxRequest withLogs(Path stdoutLog, Path stderrLog) {
        return with(copy -> {
            copy.stdoutLog = stdoutLog;
            copy.stderrLog = stderrLog;
        });
    }

    public SandboxRequest withIsolation(Isolation isolation) {
        return with(copy -> copy.isolation = isolation);
    }

    public SandboxRequest withResources(Resources resources) {
        return with(copy -> copy.resources = resources);
    }

    /** This request with what {@code change} sets changed; the copy is validated as any new request is. */
    private SandboxRequest with(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    private static void requireValidVariable(String name, String value) {
        if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid environment variable name: '" + name + "'");
        }
        if (value.indexOf('\0') >= 0) {
            // the value itself is never echoed: it may be a secret the caller passes on purpose
            throw new IllegalArgumentException("environment variable " + name + " contains a NUL character");
        }
    }

    /** The components of a request being copied, each settable before {@link #build}. */
    private static final class Copy {
        private final List<String> command;
        private final Path workingDirectory;
        private Map<String, String> environment;
        private Duration timeout;
        private long outputLimitBytes;
        private Path stdoutLog;
        private Path stderrLog;
        private Isolation isolation;
        private Resources resources;

        private Copy(SandboxRequest request) {
            command = request.command;
            workingDirectory = request.workingDirectory;
            environment = request.environment;
            timeout = request.timeout;
            outputLimitBytes = request.outputLimitBytes;
            stdoutLog = request.stdoutLog;
            stderrLog = request.stderrLog;
            isolation = request.isolation;
            resources = request.resources;
        }

        private SandboxRequest build() {
            return new SandboxRequest(
                    command,
                    workingDirectory,
                    environment,
                    timeout,
                    outputLimitBytes,
                    stdoutLog,
                    stderrLog,
                    isolation,
                    resources);
        }
    }
}
