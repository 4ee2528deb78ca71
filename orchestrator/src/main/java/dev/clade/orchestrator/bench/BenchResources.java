package dev.clade.orchestrator.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Files the benchmarks ship in the jar (a target, a corpus), written out to a folder to be used as they would be. */
final class BenchResources {

    private BenchResources() {}

    /** Writes {@code files} (relative paths under the resource folder {@code folder}) into {@code dir}. */
    static Path write(String folder, List<String> files, Path dir) {
        try {
            for (String file : files) {
                Path target = dir.resolve(file);
                Files.createDirectories(target.getParent());
                try (InputStream in = BenchResources.class.getResourceAsStream(folder + file)) {
                    if (in == null) {
                        throw new IllegalStateException("the benchmark's resources lack " + folder + file);
                    }
                    Files.write(target, in.readAllBytes());
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
