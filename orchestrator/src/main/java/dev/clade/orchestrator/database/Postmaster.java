package dev.clade.orchestrator.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The PostgreSQL server running on a data directory, as its {@code postmaster.pid} names it. */
record Postmaster(ProcessHandle process, int port) {

    static final String PID_FILE = "postmaster.pid";

    /** The live server of {@code dataDir}; empty when none runs (no pid file, or a stale one). */
    static Optional<Postmaster> of(Path dataDir) throws IOException {
        Path file = dataDir.resolve(PID_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        long pid;
        int port;
        try {
            List<String> lines = Files.readAllLines(file);
            pid = Long.parseLong(lines.get(0).trim());
            port = Integer.parseInt(lines.get(3).trim());
        } catch (RuntimeException | IOException e) {
            return Optional.empty(); // being written or removed: PostgreSQL sorts a stale file out itself
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().orElse("").contains("postgres"))
                .map(p -> new Postmaster(p, port));
    }

    /**
     * Stops the server with PostgreSQL's "fast" shutdown (SIGINT: open transactions roll back), killing it when it
     * takes longer than {@code bound}; crash recovery at the next start makes even that safe.
     */
    void stop(Duration bound) throws IOException {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
            process.onExit().get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
