package dev.clade.orchestrator.health;

import dev.clade.orchestrator.database.DatabaseBootstrap;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The database answers and every migration of every module is applied with success; for the embedded server, its
 * data folder holds a running server's pid file too.
 */
@Readiness
@ApplicationScoped
public class DatabaseCheck implements HealthCheck {

    private final DataSource dataSource;

    public DatabaseCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("database");
        Optional<Path> embeddedLog = DatabaseBootstrap.embeddedLog();
        r.withData("server", embeddedLog.isPresent() ? "embedded" : "external");
        if (embeddedLog.isPresent()) {
            Path pid = embeddedLog.get().resolveSibling("postgres").resolve("postmaster.pid");
            if (!Files.exists(pid)) {
                return r.down()
                        .withData("problem", "the embedded server is not running (no " + pid + ")")
                        .build();
            }
        }
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*), count(*) filter (where not success),"
                        + " coalesce(max(installed_rank), 0) from flyway_schema_history")) {
            rs.next();
            long applied = rs.getLong(1);
            long failed = rs.getLong(2);
            r.withData("migrations", applied);
            if (applied == 0 || failed > 0) {
                return r.down()
                        .withData("problem", applied == 0 ? "no migration applied" : failed + " migration(s) failed")
                        .build();
            }
            return r.up().build();
        } catch (SQLException e) {
            return r.down()
                    .withData("problem", "the database does not answer: " + e.getMessage())
                    .build();
        }
    }
}
