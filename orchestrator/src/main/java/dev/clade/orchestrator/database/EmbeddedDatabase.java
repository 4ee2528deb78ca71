package dev.clade.orchestrator.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real PostgreSQL server whose binaries ship in a Maven artifact (zonky), with its data under {@code
 * $CLADE_HOME/postgres}, kept across restarts and shared by every Clade process on that home.
 *
 * <p>Every process that uses the server holds a {@link ServerLease} (a shared advisory lock on a connection of its
 * own) from {@link #open} to {@link #close}. Starting and stopping happen under the home's {@link StartLock}
 * ({@code $CLADE_HOME/postgres.lock}), so:
 *
 * <ul>
 *   <li>the first process starts the server; one that comes while another starts it waits (at most {@link
 *       #START_LOCK_WAIT}) and then uses the server the other started;
 *   <li>a process that closes its database stops the server only when it held the last lease: no process ever stops
 *       a server that another live process uses, and no server outlives the last process that used it;
 *   <li>a server that runs while no process holds a lease was left by a process that died without stopping it
 *       ({@code kill -9}): the next process stops it and starts it afresh, which PostgreSQL's crash recovery makes
 *       safe.
 * </ul>
 *
 * <p>A lease lives in the server, not in a file lock, so nothing a process does with files can end it: a file lock
 * would be dropped as soon as any code in the JVM closed any channel on the same file (a snapshot import that reads
 * the home, say).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    static final String START_LOCK_FILE = "postgres.lock";

    /** How long a process waits for another one to finish starting or stopping the server. */
    static final Duration START_LOCK_WAIT = Duration.ofMinutes(2);

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    /** The servers this JVM started, by data directory, so that whichever user stops one releases zonky's handle. */
    private static final Map<Path, EmbeddedPostgres> STARTED_HERE = new ConcurrentHashMap<>();

    private final Path dataDir;
    private final int port;
    private final ServerLease lease;
    private boolean closed;

    private EmbeddedDatabase(Path dataDir, int port, ServerLease lease) {
        this.dataDir = dataDir;
        this.port = port;
        this.lease = lease;
    }

    /** Uses the server of {@code dataDir}: the one another live process runs there, or one started now. */
    public static EmbeddedDatabase open(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            try (StartLock lock = StartLock.acquire(startLock(dir), START_LOCK_WAIT)) {
                Optional<Postmaster> running = Postmaster.of(dir);
                if (running.isPresent() && ServerLease.anyHeld(running.get().port())) {
                    int port = running.get().port();
                    return new EmbeddedDatabase(dir, port, ServerLease.take(port));
                }
                if (running.isPresent()) { // nobody uses it: its owner died without stopping it
                    stop(dir, running.get());
                }
                int port = start(dir);
                return new EmbeddedDatabase(dir, port, ServerLease.take(port));
            }
        } catch (IOException | SQLException | RuntimeException e) {
            throw new UncheckedIOException(
                    "cannot start the embedded PostgreSQL in " + dir + ": " + e.getMessage() + " (its log: " + log(dir)
                            + ")",
                    e instanceof IOException io ? io : new IOException(e));
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

    /**
     * Gives this process's lease back and stops the server when it was the last. When the home's start lock cannot be
     * had, the lease is given back all the same and the server left running: the next process stops it. A second
     * call waits for the first to finish (a shutdown hook must not let the JVM halt half-way through).
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (StartLock lock = StartLock.acquire(startLock(dataDir), START_LOCK_WAIT)) {
            boolean last;
            try {
                last = lease.giveBackLast();
            } catch (SQLException e) {
                // The server is gone or dropped the connection, and the lease with it; a server that still runs
                // with no lease is the next process's to stop.
                return;
            }
            if (last) {
                Optional<Postmaster> running = Postmaster.of(dataDir);
                if (running.isPresent()) {
                    stop(dataDir, running.get());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot stop the embedded PostgreSQL in " + dataDir + ": " + e.getMessage()
                            + "; the next clade command on this home stops it",
                    e);
        } finally {
            lease.close();
        }
    }

    private static int start(Path dir) throws IOException {
        Path log = log(dir);
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false) // the last user stops it, not whichever JVM started it
                .setPGStartupWait(STARTUP_WAIT)
                .setOutputRedirector(Redirect.appendTo(log.toFile()))
                .setErrorRedirector(Redirect.appendTo(log.toFile()))
                .start();
        STARTED_HERE.put(dir, server);
        return server.getPort();
    }

    private static void stop(Path dir, Postmaster running) throws IOException {
        EmbeddedPostgres started = STARTED_HERE.remove(dir);
        if (started != null) {
            started.close(); // pg_ctl stop, and zonky lets go of its own lock file
        }
        if (running.process().isAlive()) {
            running.stop(STOP_WAIT);
        }
    }

    private static Path startLock(Path dir) {
        return dir.resolveSibling(START_LOCK_FILE);
    }

    private static Path log(Path dir) {
        return dir.resolveSibling("postgres.log");
    }
}
