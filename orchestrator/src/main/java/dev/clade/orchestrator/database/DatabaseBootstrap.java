package dev.clade.orchestrator.database;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, before Quarkus starts, where the database is: the server named by {@code quarkus.datasource.jdbc.url} (a
 * system property or {@code QUARKUS_DATASOURCE_JDBC_URL} in the environment) or, when none is named, the embedded
 * server under {@code $CLADE_HOME/postgres}, whose address is then handed to Quarkus as system properties.
 */
public final class DatabaseBootstrap {

    static final String URL_PROPERTY = "quarkus.datasource.jdbc.url";
    static final String URL_ENV = "QUARKUS_DATASOURCE_JDBC_URL";
    private static final String EMBEDDED_LOG_PROPERTY = "dev.clade.database.embedded-log";

    private DatabaseBootstrap() {}

    /** {@code $CLADE_HOME}, the {@code clade.home} system property, or {@code ~/.clade}. */
    public static Path home(Map<String, String> env) {
        String fromProperty = System.getProperty("clade.home");
        if (fromProperty != null && !fromProperty.isBlank()) {
            return Path.of(fromProperty).toAbsolutePath();
        }
        String fromEnv = env.get("CLADE_HOME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".clade");
    }

    /** Starts (or joins) the embedded server unless an external one is configured; empty when external. */
    public static Optional<EmbeddedDatabase> prepare(Map<String, String> env) {
        if (System.getProperty(URL_PROPERTY) != null || env.containsKey(URL_ENV)) {
            return Optional.empty();
        }
        Path home = home(env);
        EmbeddedDatabase db = EmbeddedDatabase.open(home.resolve("postgres"));
        System.setProperty(URL_PROPERTY, db.jdbcUrl());
        System.setProperty("quarkus.datasource.username", db.username());
        System.setProperty("clade.home", home.toString());
        System.setProperty(EMBEDDED_LOG_PROPERTY, home.resolve("postgres.log").toString());
        return Optional.of(db);
    }

    /** The database's JDBC URL: the one configured, or the embedded server's once {@link #prepare} started it. */
    public static Optional<String> url(Map<String, String> env) {
        return Optional.ofNullable(System.getProperty(URL_PROPERTY)).or(() -> Optional.ofNullable(env.get(URL_ENV)));
    }

    /** The log of the embedded server when {@link #prepare} chose it; empty for an external database. */
    public static Optional<Path> embeddedLog() {
        return Optional.ofNullable(System.getProperty(EMBEDDED_LOG_PROPERTY)).map(Path::of);
    }
}
