package dev.clade.orchestrator;

import dev.clade.orchestrator.campaign.SpecException;
import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.cli.BenchHome;
import dev.clade.orchestrator.cli.CdiFactory;
import dev.clade.orchestrator.cli.CladeCommand;
import dev.clade.orchestrator.cli.ExitStatus;
import dev.clade.orchestrator.cli.FailureReport;
import dev.clade.orchestrator.database.DatabaseBootstrap;
import dev.clade.orchestrator.database.EmbeddedDatabase;
import io.quarkus.runtime.Application;
import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;

/**
 * Entry point of the {@code clade} command. Before Quarkus starts it checks what can be checked without a database
 * (a campaign spec, the help) and starts the embedded PostgreSQL when no external one is configured. A failure of
 * the infrastructure (the database, the start, a model's endpoint) ends in a few {@code clade:} lines on stderr; its
 * trace goes to {@code $CLADE_HOME/logs/clade.log} (see {@link FailureReport}).
 */
@QuarkusMain
public class CladeMain implements QuarkusApplication {

    private static final Set<String> NO_DATABASE = Set.of("-h", "--help", "-V", "--version", "help", "bench");

    /** Benchmarks that run real campaigns, in a scratch home of their own unless the user chose one. */
    private static final Set<String> REAL_BENCHES = Set.of("memory", "overhead");

    public static void main(String... args) {
        boolean realBench = args.length > 1 && args[0].equals("bench") && REAL_BENCHES.contains(args[1]);
        if (args.length == 0
                || (NO_DATABASE.contains(args[0]) && !realBench)
                || (args[0].equals("agent") && (args.length == 1 || !args[1].equals("promote")))) {
            System.exit(new CommandLine(new CladeCommand()).execute(args));
        }
        if (args[0].equals("run") && args.length > 1 && !args[1].startsWith("-")) {
            try {
                SpecReader.read(Path.of(args[1]));
            } catch (SpecException e) {
                System.err.println("clade: " + e.getMessage());
                System.exit(ExitStatus.USAGE);
            }
        }
        Optional<Path> scratchHome = realBench ? BenchHome.prepare(System.getenv()) : Optional.empty();
        choosePort(args[0]);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> ExitStatus.SHUTTING_DOWN.set(true), "clade-shutdown-flag"));
        Path home = DatabaseBootstrap.home(System.getenv());
        Optional<EmbeddedDatabase> database;
        try {
            database = DatabaseBootstrap.prepare(System.getenv());
        } catch (RuntimeException e) {
            FailureReport.print(System.err, home, List.of(FailureReport.message(e)), e);
            System.exit(3);
            return;
        }
        database.ifPresent(db -> Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> closeAfterQuarkus(db, home), "clade-database-close")));
        Quarkus.run(
                CladeMain.class,
                (status, failure) -> {
                    if (failure != null) {
                        FailureReport.print(System.err, home, FailureReport.explainStart(failure), failure);
                    }
                    database.ifPresent(db -> close(db, home));
                    scratchHome.ifPresent(
                            scratch -> BenchHome.cleanUp(scratch, List.of(args).contains("--keep")));
                    System.exit(status);
                },
                args);
    }

    /**
     * On SIGINT or SIGTERM Quarkus does not call the exit handler, so this hook closes the database, once Quarkus has
     * stopped using it (stopping an application that is stopping waits for it). After a normal exit it does nothing.
     */
    private static void closeAfterQuarkus(EmbeddedDatabase database, Path home) {
        Application application = ApplicationLifecycleManager.getCurrentApplication();
        if (application != null) {
            try {
                application.stop();
            } catch (IllegalStateException e) {
                // never started
            }
        }
        close(database, home);
    }

    private static void close(EmbeddedDatabase database, Path home) {
        try {
            database.close();
        } catch (RuntimeException e) {
            FailureReport.print(System.err, home, List.of(FailureReport.message(e)), e);
        }
    }

    /**
     * {@code clade serve} listens on the configured port (7070 by default); every other command serves the API too
     * (a {@code clade run} can be watched live), on a free port so that several can run at once. QUARKUS_HTTP_PORT
     * in the environment, or the system property, wins.
     */
    static void choosePort(String command) {
        if (command.equals("serve")
                || System.getenv("QUARKUS_HTTP_PORT") != null
                || System.getProperty("quarkus.http.port") != null) {
            return;
        }
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            System.setProperty("quarkus.http.port", Integer.toString(socket.getLocalPort()));
        } catch (java.io.IOException e) {
            // leave the configured port
        }
    }

    @Override
    public int run(String... args) {
        Path home = DatabaseBootstrap.home(System.getenv());
        return new CommandLine(new CladeCommand(), new CdiFactory())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((failure, command, parsed) -> {
                    if (ExitStatus.SHUTTING_DOWN.get()) { // SIGINT, SIGTERM: the failure is the shutdown's
                        System.err.println("clade: interrupted");
                        return 130;
                    }
                    FailureReport.print(System.err, home, FailureReport.explain(failure), failure);
                    return 1;
                })
                .execute(args);
    }
}
