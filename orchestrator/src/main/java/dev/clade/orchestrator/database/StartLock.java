package dev.clade.orchestrator.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The exclusive right to start or stop the embedded server of a home: a file lock on {@code $CLADE_HOME/postgres.lock},
 * held for the seconds that a process takes to open or close its database and never while Clade works.
 *
 * <p>Java drops every lock a JVM holds on a file when any channel on that file is closed in the JVM, so within one
 * JVM the holders take turns on an in-process lock first and only the holder ever opens the file.
 */
final class StartLock implements AutoCloseable {

    private static final Map<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 50;

    private final ReentrantLock local;
    private final FileChannel channel;

    private StartLock(ReentrantLock local, FileChannel channel) {
        this.local = local;
        this.channel = channel;
    }

    /**
     * Takes the lock of {@code file}, waiting at most {@code bound} for the process (or thread) that holds it.
     *
     * @throws IOException when the file cannot be opened, or naming the file when the wait ran out
     */
    static StartLock acquire(Path file, Duration bound) throws IOException {
        long deadline = System.nanoTime() + bound.toNanos();
        ReentrantLock local = IN_THIS_JVM.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new ReentrantLock());
        try {
            if (!local.tryLock(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy(file, bound);
            }
            FileChannel channel = null;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                for (FileLock lock = channel.tryLock(); lock == null; lock = channel.tryLock()) {
                    if (System.nanoTime() > deadline) {
                        throw busy(file, bound);
                    }
                    Thread.sleep(POLL_MILLIS);
                }
                return new StartLock(local, channel);
            } catch (IOException | InterruptedException | RuntimeException e) {
                if (channel != null) {
                    channel.close();
                }
                local.unlock();
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + file, e);
        }
    }

    private static IOException busy(Path file, Duration bound) {
        return new IOException("another Clade process has been starting or stopping the embedded PostgreSQL for over "
                + bound.toSeconds() + "s (it holds " + file + "); wait for it, or stop it");
    }

    /** Releases the lock (closing the channel releases it). */
    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            local.unlock();
        }
    }
}
