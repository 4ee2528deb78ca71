package dev.clade.orchestrator.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The databases the packaged application is tested on: the embedded server under the home (the default), and a real
 * external PostgreSQL when {@code CLADE_TEST_EXTERNAL_DATABASE} names one ({@code .ci/run} starts Debian's on
 * loopback): a JDBC URL of a database that {@code CLADE_TEST_EXTERNAL_DATABASE_USER} (password {@code
 * CLADE_TEST_EXTERNAL_DATABASE_PASSWORD}) may connect to and create databases from. Each test gets a database of its
 * own there, dropped afterwards. With {@code CLADE_TEST_REQUIRE_EXTERNAL_DATABASE=true} (CI), a missing one fails
 * instead of skipping.
 */
public sealed interface Databases extends AutoCloseable {

    String URL = "CLADE_TEST_EXTERNAL_DATABASE";
    String USER = "CLADE_TEST_EXTERNAL_DATABASE_USER";
    String PASSWORD = "CLADE_TEST_EXTERNAL_DATABASE_PASSWORD";
    String REQUIRED = "CLADE_TEST_REQUIRE_EXTERNAL_DATABASE";

    /** The kinds a parameterized test runs on: {@code embedded} and {@code external}. */
    static Stream<String> kinds() {
        return Stream.of("embedded", "external");
    }

    /** A database of that kind for one test; an external one is skipped (or failed, in CI) when none is named. */
    static Databases of(String kind) throws SQLException {
        if (kind.equals("embedded")) {
            return new Embedded();
        }
        String url = System.getenv(URL);
        if (url == null || url.isBlank()) {
            if ("true".equals(System.getenv(REQUIRED))) {
                throw new AssertionError(REQUIRED + " is set but " + URL + " names no external PostgreSQL");
            }
            assumeTrue(false, "no external PostgreSQL: set " + URL + " (and " + USER + ", " + PASSWORD + ")");
        }
        return External.create(
                url,
                System.getenv().getOrDefault(USER, "clade"),
                System.getenv().getOrDefault(PASSWORD, ""));
    }

    /** What a {@code clade} process needs in its environment to use this database (nothing for the embedded one). */
    Map<String, String> environment();

    @Override
    void close() throws SQLException;

    /** The server under the home that the first {@code clade} process starts. */
    record Embedded() implements Databases {
        @Override
        public Map<String, String> environment() {
            return Map.of();
        }

        @Override
        public void close() {}
    }

    /** A fresh database on the external server. */
    record External(String adminUrl, String url, String name, String user, String password) implements Databases {

        static External create(String adminUrl, String user, String password) throws SQLException {
            String name = "clade_test_"
                    + UUID.randomUUID()
                            .toString()
                            .replace("-", "")
                            .substring(0, 12)
                            .toLowerCase(Locale.ROOT);
            try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                    Statement s = c.createStatement()) {
                s.execute("create database " + name);
            }
            String url = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
            return new External(adminUrl, url, name, user, password);
        }

        @Override
        public Map<String, String> environment() {
            return Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", url,
                    "QUARKUS_DATASOURCE_USERNAME", user,
                    "QUARKUS_DATASOURCE_PASSWORD", password);
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                    Statement s = c.createStatement()) {
                s.execute("drop database if exists " + name + " with (force)");
            }
        }
    }
}
