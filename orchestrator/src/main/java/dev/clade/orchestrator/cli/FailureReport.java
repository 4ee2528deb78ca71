package dev.clade.orchestrator.cli;

import dev.clade.orchestrator.database.DatabaseBootstrap;
import io.quarkus.runtime.QuarkusBindException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How the {@code clade} command tells its user that its infrastructure failed (the database, a model's endpoint, the
 * start itself): a few {@code clade:} lines on stderr saying what failed and what to do, the last of which names
 * {@code $CLADE_HOME/logs/clade.log}, where the full stack trace is appended. The console never shows the trace.
 */
public final class FailureReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private FailureReport() {}

    /** The log of a Clade home: what Quarkus logs (with stack traces) and the failures reported here. */
    public static Path logFile(Path home) {
        return home.resolve("logs").resolve("clade.log");
    }

    /** Prints each line as {@code clade: line} on {@code err}, appends the trace to the home's log and says where. */
    public static void print(PrintStream err, Path home, List<String> lines, Throwable failure) {
        lines.forEach(line -> err.println("clade: " + line));
        Path log = logFile(home);
        try {
            append(log, String.join(" ", lines), failure);
            err.println("clade: the full trace is in " + log);
        } catch (IOException e) {
            err.println("clade: the trace could not be written to " + log + ": " + e.getMessage());
        }
    }

    /** The lines for a failure: what failed and, where Clade knows, what to do about it. */
    public static List<String> explain(Throwable failure) {
        return database(failure).orElseGet(() -> List.of(message(failure)));
    }

    /** The lines for a start that failed (Quarkus, the migrations, the database): what failed and what to do. */
    public static List<String> explainStart(Throwable failure) {
        Optional<QuarkusBindException> port = causes(failure)
                .filter(QuarkusBindException.class::isInstance)
                .map(QuarkusBindException.class::cast)
                .findFirst();
        if (port.isPresent()) {
            QuarkusBindException bind = port.get();
            return List.of(
                    "cannot start: another program listens on " + bind.getHost() + ":" + bind.getPort(),
                    "stop it (another clade serve?), or choose a port with QUARKUS_HTTP_PORT");
        }
        return database(failure).orElseGet(() -> List.of("cannot start: " + message(innermost(failure))));
    }

    /** A failure's message, or its type when it has none. */
    public static String message(Throwable failure) {
        return failure.getMessage() == null || failure.getMessage().isBlank()
                ? failure.getClass().getSimpleName()
                : failure.getMessage();
    }

    /**
     * Two lines when the database cannot be reached or refuses Clade's account (an SQL state of class 08 or 28 in
     * the causes); empty for any other failure.
     */
    private static Optional<List<String>> database(Throwable failure) {
        Optional<SQLException> refused = causes(failure)
                .filter(SQLException.class::isInstance)
                .map(SQLException.class::cast)
                .filter(e -> e.getSQLState() != null
                        && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("28")))
                .findFirst();
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        String url = DatabaseBootstrap.url(System.getenv()).orElse("(no URL)");
        String what = refused.get().getSQLState().startsWith("08")
                ? "cannot reach the database at " + url
                : "the database at " + url + " refused Clade's user or password";
        String todo = DatabaseBootstrap.embeddedLog()
                .map(log -> "it is this home's embedded PostgreSQL (its log: " + log
                        + "); run the command again to start it afresh")
                .orElse("check that the server runs and that QUARKUS_DATASOURCE_JDBC_URL, _USERNAME and _PASSWORD"
                        + " name it and Clade's account");
        return Optional.of(List.of(what + ": " + message(innermost(refused.get())), todo));
    }

    /** The failure and its causes, outermost first. */
    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, t -> t != null, t -> t.getCause() == t ? null : t.getCause());
    }

    private static Throwable innermost(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static void append(Path log, String summary, Throwable failure) throws IOException {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        String record = TIME.format(LocalDateTime.now()) + " ERROR [clade] (pid "
                + ProcessHandle.current().pid() + ") " + summary + System.lineSeparator() + trace;
        Files.createDirectories(log.getParent());
        // One write per record in append mode, so that records of processes sharing the home do not interleave.
        Files.writeString(log, record, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
