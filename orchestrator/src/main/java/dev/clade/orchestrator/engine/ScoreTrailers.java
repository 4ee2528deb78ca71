package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.archive.NodeInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Writes the {@code Clade-Score} trailers of a run's scored nodes off the workers' path: a worker hands a node over
 * once it is judged and goes on, and one thread per run rewrites each commit ({@link Scores#rewrite}) and points the
 * nodes that queued up meanwhile at their new commits in one transaction. The trailer is a record in git of what the
 * archive already holds, so nothing waits for it; a kill loses at most what was queued, which the run's end and a
 * resumed run write (see {@link CampaignRunner}). {@link #close} writes what is queued and waits for it.
 */
final class ScoreTrailers implements AutoCloseable {

    private final RunContext run;
    private final Consumer<RuntimeException> failed;
    /** Nodes to write the trailers of; empty marks the end. */
    private final LinkedBlockingQueue<Optional<NodeInfo>> queue = new LinkedBlockingQueue<>();

    private final Thread scribe;

    /** Starts the run's scribe; {@code failed} hears of a trailer that could not be written (the run should stop). */
    ScoreTrailers(RunContext run, Consumer<RuntimeException> failed) {
        this.run = run;
        this.failed = failed;
        this.scribe = new Thread(this::writeUntilClosed, "clade-scores");
        scribe.setDaemon(true);
        scribe.start();
    }

    /** Queues a node just judged: its trailer is written soon, once it is scored. */
    void submit(NodeInfo node) {
        queue.add(Optional.of(node));
    }

    private void writeUntilClosed() {
        List<Optional<NodeInfo>> batch = new ArrayList<>();
        boolean closed = false;
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return; // only close() stops the scribe, and it does not interrupt
            }
            queue.drainTo(batch);
            Map<Long, String> commits = new LinkedHashMap<>();
            for (Optional<NodeInfo> item : batch) {
                if (item.isEmpty()) {
                    closed = true;
                } else {
                    write(item.get(), commits);
                }
            }
            batch.clear();
            if (!commits.isEmpty()) {
                try {
                    run.archive().recommitted(commits);
                } catch (RuntimeException e) {
                    failed.accept(e);
                }
            }
        }
    }

    private void write(NodeInfo node, Map<Long, String> commits) {
        try {
            Scores.rewrite(node, run.repo()).map(ObjectId::name).ifPresent(c -> commits.put(node.id(), c));
        } catch (RuntimeException e) {
            failed.accept(e);
        }
    }

    /** Writes every trailer queued so far, then stops the scribe. */
    @Override
    public void close() {
        queue.add(Optional.empty());
        boolean interrupted = false;
        while (scribe.isAlive()) {
            try {
                scribe.join();
            } catch (InterruptedException e) {
                interrupted = true; // the trailers are written before the run ends; the interrupt is kept
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
