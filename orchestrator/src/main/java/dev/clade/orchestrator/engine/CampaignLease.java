package dev.clade.orchestrator.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Exclusive right to run one campaign, held as a PostgreSQL session advisory lock on a dedicated connection. The
 * server drops it the moment the holding process dies (even by {@code kill -9}), so a rerun never waits on a stale
 * lease, and two processes never run the same campaign at once.
 */
final class CampaignLease implements AutoCloseable {

    /** Namespace of Clade's advisory locks, so they do not collide with other users of the database. */
    private static final int NAMESPACE = 0x436c6164; // "Clad"

    private final Connection connection;
    private final long campaignId;

    private CampaignLease(Connection connection, long campaignId) {
        this.connection = connection;
        this.campaignId = campaignId;
    }

    static CampaignLease acquire(DataSource dataSource, long campaignId, String name) {
        try {
            Connection connection = dataSource.getConnection();
            try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
                lock.setInt(1, NAMESPACE);
                lock.setInt(2, (int) campaignId);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        connection.close();
                        throw new CampaignBusyException(name);
                    }
                }
            }
            return new CampaignLease(connection, campaignId);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the lease of campaign " + name + ": " + e.getMessage(), e);
        }
    }

    /** Whether no process holds the campaign's lease right now (it is taken and given back at once). */
    static boolean isFree(DataSource dataSource, long campaignId, String name) {
        try (CampaignLease lease = acquire(dataSource, campaignId, name)) {
            return true;
        } catch (CampaignBusyException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try (connection;
                PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, NAMESPACE);
            unlock.setInt(2, (int) campaignId);
            unlock.execute();
        } catch (SQLException e) {
            // Closing the connection releases the lock anyway.
        }
    }

    /** Another live process runs this campaign. */
    static final class CampaignBusyException extends IllegalStateException {
        CampaignBusyException(String name) {
            super("campaign '" + name + "' is being run by another Clade process; wait for it or stop it first");
        }
    }
}
