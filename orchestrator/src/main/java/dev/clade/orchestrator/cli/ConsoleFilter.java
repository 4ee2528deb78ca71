package dev.clade.orchestrator.cli;

import io.quarkus.logging.LoggingFilter;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Keeps the packaged CLI's console to what its user acts on. The warnings of the persistence stack (Hibernate's SQL
 * errors, Agroal's closed connections, Narayana's failed rollbacks) only repeat a database failure that Clade reports
 * itself in a few lines, so they go to {@code $CLADE_HOME/logs/clade.log} alone. Errors, and everything Clade logs,
 * pass.
 */
@LoggingFilter(name = "clade-console")
public final class ConsoleFilter implements Filter {

    private static final List<String> PERSISTENCE = List.of("org.hibernate.", "io.agroal.", "com.arjuna.");

    @Override
    public boolean isLoggable(LogRecord record) {
        String category = record.getLoggerName() == null ? "" : record.getLoggerName();
        return record.getLevel().intValue() >= Level.SEVERE.intValue()
                || PERSISTENCE.stream().noneMatch(category::startsWith);
    }
}
