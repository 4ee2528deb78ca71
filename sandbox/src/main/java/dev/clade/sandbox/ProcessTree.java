package dev.clade.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * A command's main process and everything it started. Descendants are remembered at each
 * {@link #snapshot()}, so one that later leaves the process group (a double fork, {@code setsid}) is still
 * killed. When the main process leads its own session, every process still in that session is killed too,
 * including orphans that were never seen.
 */
final class ProcessTree {

    private static final Logger LOG = Logger.getLogger(ProcessTree.class);
    private static final long POLL_MILLIS = 10;
    private static final int KILL_ROUNDS = 200;

    private final ProcessHandle root;
    private final boolean ownSession;
    private final boolean rootIsMonitor;
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();

    /**
     * @param root the main process
     * @param ownSession whether the root called setsid, so its pid is its session and group id
     * @param rootIsMonitor whether the root's death kills every other member (bubblewrap with a PID namespace): it
     *     then gets no SIGTERM, only the final SIGKILL, so that the others have their grace period
     */
    ProcessTree(ProcessHandle root, boolean ownSession, boolean rootIsMonitor) {
        this.root = root;
        this.ownSession = ownSession;
        this.rootIsMonitor = rootIsMonitor;
    }

    /**
     * Remembers the root's current descendants, forgets those seen before that have been reaped, and counts the
     * running members.
     */
    int snapshot() {
        seen.removeIf(process -> !process.isAlive());
        root.descendants().forEach(seen::add);
        return members().size();
    }

    /**
     * Sends SIGTERM to every member, waits up to {@code grace} for them to exit, then sends SIGKILL until
     * none is left (a bounded number of rounds, so processes forking meanwhile are caught too).
     */
    void destroy(Duration grace) throws InterruptedException {
        snapshot();
        List<ProcessHandle> alive = members();
        alive.stream()
                .filter(process -> !rootIsMonitor || !process.equals(root))
                .forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            alive = members();
        }
        for (int round = 0; round < KILL_ROUNDS && !alive.isEmpty(); round++) {
            alive.forEach(ProcessHandle::destroyForcibly);
            Thread.sleep(POLL_MILLIS);
            alive = members();
        }
        if (!alive.isEmpty()) {
            LOG.warnf("processes of pid %d survived SIGKILL: %s", root.pid(), pids(alive));
        }
    }

    /** Sends SIGKILL once to every member, without waiting; for when the caller cannot wait. */
    void kill() {
        snapshot();
        members().forEach(ProcessHandle::destroyForcibly);
    }

    /** Running members: the root, its descendants now and ever seen, and whatever is in its session. */
    private List<ProcessHandle> members() {
        // a monitor's processes cannot leave its PID namespace, so they are all its descendants
        Stream<ProcessHandle> session = ownSession && !rootIsMonitor
                ? Procfs.sessionMembers(root.pid()).stream()
                        .map(ProcessHandle::of)
                        .flatMap(Optional::stream)
                : Stream.empty();
        return Stream.of(Stream.of(root), root.descendants(), seen.stream(), session)
                .flatMap(members -> members)
                .distinct()
                .filter(ProcessTree::running)
                .toList();
    }

    private static boolean running(ProcessHandle process) {
        // ProcessHandle.isAlive() is true for zombies, which no signal can remove
        return process.isAlive() && !Procfs.isZombie(process.pid());
    }

    private static List<Long> pids(List<ProcessHandle> processes) {
        return processes.stream().map(ProcessHandle::pid).toList();
    }
}
