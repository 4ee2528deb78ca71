package dev.clade.orchestrator.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users of one home's embedded server in one JVM: they share it, and the last one stops it. */
class EmbeddedDatabaseTest {

    @TempDir
    Path home;

    @Test
    void should_share_one_server_between_users_that_open_it_at_once_and_stop_it_after_the_last() throws Exception {
        Path data = home.resolve("postgres");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        EmbeddedDatabase first;
        EmbeddedDatabase second;
        try {
            List<Future<EmbeddedDatabase>> opened =
                    threads.invokeAll(List.of(() -> EmbeddedDatabase.open(data), () -> EmbeddedDatabase.open(data)));
            first = opened.get(0).get(2, TimeUnit.MINUTES);
            second = opened.get(1).get(2, TimeUnit.MINUTES);
        } finally {
            threads.shutdown();
        }
        assertThat(second.port()).isEqualTo(first.port());

        first.close();
        assertThat(answers(second)).as("the server after the first user closed").isTrue();

        second.close();
        assertThat(answers(second)).as("the server after the last user closed").isFalse();
        assertThat(data.resolve("postmaster.pid")).doesNotExist();
    }

    private static boolean answers(EmbeddedDatabase database) {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.username(), "")) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }
}
