package dev.clade.orchestrator.archive;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The archives kept in memory, one per campaign that runs in this process (see {@link LiveArchive}), and how a change
 * made in a transaction reaches them: a reservation at once, a node's new state once its transaction has committed,
 * and a rolled-back change drops the campaign's archive, so that every later read goes to PostgreSQL again.
 */
@ApplicationScoped
class LiveArchives {

    private final Map<Long, LiveArchive> live = new ConcurrentHashMap<>();
    private final TransactionSynchronizationRegistry transactions;

    LiveArchives(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    void open(long campaignId, LiveArchive loaded) {
        live.put(campaignId, loaded);
    }

    /** The campaign's archive in memory, or null when it does not run here (read PostgreSQL). */
    LiveArchive get(long campaignId) {
        return live.get(campaignId);
    }

    OptionalLong version(long campaignId) {
        LiveArchive kept = live.get(campaignId);
        return kept == null ? OptionalLong.empty() : OptionalLong.of(kept.version());
    }

    void close(long campaignId) {
        live.remove(campaignId);
    }

    /**
     * Applies a change to the campaign's archive in memory, if one is kept, inside the transaction that makes it in
     * PostgreSQL (a reservation is then seen by the next one, which waits for the campaign row); should the transaction
     * roll back, the memory is dropped.
     */
    void changedNow(long campaignId, Consumer<LiveArchive> change) {
        LiveArchive kept = live.get(campaignId);
        if (kept == null) {
            return;
        }
        change.accept(kept);
        afterCompletion(committed -> {
            if (!committed) {
                live.remove(campaignId, kept);
            }
        });
    }

    /** A task evaluation started for a node, in whichever campaign's archive holds it. */
    void tried(long nodeId, String task) {
        live.forEach((campaignId, kept) -> {
            if (kept.byId(nodeId).isPresent()) {
                changedNow(campaignId, k -> k.tried(nodeId, task));
            }
        });
    }

    /**
     * A node's new state reaches the archive in memory once its transaction has committed, not before: a worker that
     * reserves meanwhile must not see a node committed whose row (and commit id) PostgreSQL does not show it yet. Only
     * reservations, made under the campaign row's lock, are applied at once ({@link #changedNow}), so that the next
     * reservation, which waits for that lock, sees them.
     */
    void changed(Node node) {
        LiveArchive kept = live.get(node.campaignId);
        if (kept == null) {
            return;
        }
        NodeInfo info = NodeInfo.of(node);
        afterCompletion(committed -> {
            if (committed) {
                kept.put(info);
            }
        });
    }

    /** Runs {@code then} when the current transaction ends, told whether it committed. */
    private void afterCompletion(Consumer<Boolean> then) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                then.accept(status == Status.STATUS_COMMITTED);
            }
        });
    }
}
