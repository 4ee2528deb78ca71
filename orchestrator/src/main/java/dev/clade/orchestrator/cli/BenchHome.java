package dev.clade.orchestrator.cli;

import dev.clade.orchestrator.experiment.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The home of {@code clade bench memory}: a fresh temporary one, so that a benchmark neither fills the user's archive
 * nor learns from it, unless the user chose a home ({@code CLADE_HOME}, {@code -Dclade.home}) or an external database.
 */
public final class BenchHome {

    private BenchHome() {}

    /** Points {@code clade.home} at a new temporary folder and returns it, or empty when the user chose where. */
    public static Optional<Path> prepare(Map<String, String> env) {
        if (env.containsKey("CLADE_HOME")
                || System.getProperty("clade.home") != null
                || env.containsKey("QUARKUS_DATASOURCE_JDBC_URL")
                || System.getProperty("quarkus.datasource.jdbc.url") != null) {
            return Optional.empty();
        }
        try {
            Path home = Files.createTempDirectory("clade-bench-home");
            System.setProperty("clade.home", home.toString());
            return Optional.of(home);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary home for the benchmark", e);
        }
    }

    /** Deletes the temporary home, or says where it was kept. */
    public static void cleanUp(Path home, boolean keep) {
        if (keep) {
            System.out.println("Kept the benchmark's home: CLADE_HOME=" + home + " clade lessons");
            return;
        }
        try {
            Folders.delete(home);
        } catch (UncheckedIOException e) {
            System.err.println("clade: could not delete the benchmark's home " + home + ": " + e.getMessage());
        }
    }
}
