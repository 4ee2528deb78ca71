package dev.clade.orchestrator.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One process's use of the embedded server: a shared session advisory lock on a connection of its own, kept until
 * the process is done with the server. The server ends the lease the moment that connection ends, so a process that
 * dies (even by {@code kill -9}) gives its lease up, and nothing the process does with its files can end it.
 *
 * <p>Taking, counting and giving back leases happens under the home's {@link StartLock}, so no lease is taken while
 * another process decides that it holds the last one.
 */
final class ServerLease implements AutoCloseable {

    /** The key of the leases: "Clade" in ASCII, apart from the two-part keys of campaign leases. */
    private static final long KEY = 0x436c616465L;

    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final Connection connection;

    private ServerLease(Connection connection) {
        this.connection = connection;
    }

    /** Takes a lease on the server listening on {@code port}. */
    static ServerLease take(int port) throws SQLException {
        Connection connection = connect(port);
        try {
            if (!ask(connection, "select pg_try_advisory_lock_shared(?)")) {
                throw new SQLException("another process holds the embedded server's lease key exclusively");
            }
            return new ServerLease(connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Whether some process holds a lease on the server at {@code port}; false when the server does not answer. */
    static boolean anyHeld(int port) {
        try (Connection connection = connect(port)) {
            return !ask(connection, "select pg_try_advisory_lock(?)"); // closing gives it back
        } catch (SQLException e) {
            return false;
        }
    }

    /** Gives the lease back and says whether it was the last one: then no other process uses the server. */
    boolean giveBackLast() throws SQLException {
        try (connection) {
            ask(connection, "select pg_advisory_unlock_shared(?)");
            return ask(connection, "select pg_try_advisory_lock(?)");
        }
    }

    /** Ends the lease without asking anything of the server (it may be gone). */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // the connection is gone already, and the lease with it
        }
    }

    private static boolean ask(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, KEY);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static Connection connect(int port) throws SQLException {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {"localhost"});
        source.setPortNumbers(new int[] {port});
        source.setDatabaseName("postgres");
        source.setUser("postgres");
        source.setApplicationName("clade lease (pid " + ProcessHandle.current().pid() + ")");
        source.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        source.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
        return source.getConnection();
    }
}
