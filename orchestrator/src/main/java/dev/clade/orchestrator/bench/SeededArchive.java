package dev.clade.orchestrator.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Grows a campaign's archive in PostgreSQL by simulated nodes, so that experiments can be timed on an archive of
 * thousands of nodes without running them all: each is a scored copy of the root (its commit), with a parent drawn
 * among the nodes before it and one finished task evaluation. Node numbers and the campaign's counter move on as if
 * they had been run.
 */
final class SeededArchive {

    private final DataSource database;

    SeededArchive(DataSource database) {
        this.database = database;
    }

    void seed(String campaign, int nodes) {
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            long id;
            long first;
            try (PreparedStatement s =
                    c.prepareStatement("select id, next_node from campaign where name = ? for update")) {
                s.setString(1, campaign);
                var rs = s.executeQuery();
                if (!rs.next()) {
                    throw new IllegalStateException("no campaign " + campaign);
                }
                id = rs.getLong(1);
                first = rs.getLong(2);
            }
            try (PreparedStatement s = c.prepareStatement("""
                    insert into node (campaign_id, number, parent_number, operator, state, branch, commit_id, idea,
                                      score, evaluations, utility_sum, attempts, finished_at)
                    select ?, n, floor((n - 1) * abs(sin(n * 12.9898))), 'IMPROVE', 'SCORED', r.branch, r.commit_id,
                           'simulated', -20 * abs(cos(n * 1.7)) - 1, 1, abs(sin(n * 3.1)), 1, now()
                    from generate_series(?::bigint, ?::bigint) n,
                         (select branch, commit_id from node where campaign_id = ? and number = 0) r
                    """)) {
                s.setLong(1, id);
                s.setLong(2, first);
                s.setLong(3, first + nodes - 1);
                s.setLong(4, id);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    insert into task_result (node_id, task, attempt, state, score, utility, finished_at)
                    select id, '*', 1, 'SCORED', score, utility_sum, now() from node
                    where campaign_id = ? and number >= ? and number < ?
                    """)) {
                s.setLong(1, id);
                s.setLong(2, first);
                s.setLong(3, first + nodes);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("update campaign set next_node = ? where id = ?")) {
                s.setLong(1, first + nodes);
                s.setLong(2, id);
                s.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot seed the archive of " + campaign + ": " + e.getMessage(), e);
        }
    }
}
