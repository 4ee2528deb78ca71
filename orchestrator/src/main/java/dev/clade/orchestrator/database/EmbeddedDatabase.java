package dev.clade.orchestrator.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server whose binaries ship in a Maven artifact (zonky), with its data under {@code
 * $CLADE_HOME/postgres}, kept across restarts.
 *
 * <p>Only one process owns the server of a data directory; ownership is a file lock on {@code epg-lock} that the OS
 * releases when the owner dies. A second Clade process on the same home (say {@code clade status} beside {@code clade
 * run}) finds the lock held and connects to the running server instead. A server left behind by an owner that was
 * killed ({@code kill -9}) is stopped and started afresh, which PostgreSQL's crash recovery makes safe.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    static final String LOCK_FILE = "epg-lock";
    static final String PID_FILE = "postmaster.pid";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres server;
    private final int port;

    private EmbeddedDatabase(EmbeddedPostgres server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts the server of {@code dataDir}, or joins the one another live process runs there. */
    public static EmbeddedDatabase open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Optional<Integer> shared = portOfLiveOwner(dataDir);
            if (shared.isPresent()) {
                return new EmbeddedDatabase(null, shared.get());
            }
            stopOrphan(dataDir);
            Path log = dataDir.resolveSibling("postgres.log");
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setOutputRedirector(Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(Redirect.appendTo(log.toFile()))
                    .start();
            return new EmbeddedDatabase(server, server.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot start the embedded PostgreSQL in " + dataDir + " (its log: "
                            + dataDir.resolveSibling("postgres.log") + ")",
                    e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    public String username() {
        return "postgres";
    }

    public int port() {
        return port;
    }

    /** Whether this process owns (and will stop) the server. */
    public boolean owner() {
        return server != null;
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The port of the server when another live process holds the lock; empty when the lock is free. */
    private static Optional<Integer> portOfLiveOwner(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock != null) {
                return Optional.empty();
            }
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("the embedded database of " + dataDir + " is already open in this process");
        }
        return readPid(dataDir).map(PidFile::port);
    }

    /** Stops a postmaster whose owner died without stopping it, so that a fresh one can start on the data. */
    private static void stopOrphan(Path dataDir) throws IOException {
        Optional<PidFile> pid = readPid(dataDir);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get().pid()).filter(ProcessHandle::isAlive);
        if (process.isEmpty() || !process.get().info().command().orElse("").contains("postgres")) {
            return; // stale file: PostgreSQL removes it itself
        }
        // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions and stop cleanly.
        new ProcessBuilder("kill", "-INT", Long.toString(pid.get().pid())).start();
        try {
            process.get().onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            process.get().destroyForcibly();
        }
    }

    record PidFile(long pid, int port) {}

    static Optional<PidFile> readPid(Path dataDir) throws IOException {
        Path file = dataDir.resolve(PID_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file);
        try {
            return Optional.of(new PidFile(
                    Long.parseLong(lines.get(0).trim()),
                    Integer.parseInt(lines.get(3).trim())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
