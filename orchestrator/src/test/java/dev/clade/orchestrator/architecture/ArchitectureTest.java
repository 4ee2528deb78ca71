package dev.clade.orchestrator.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator's packages form layers, each using only those below it: no package cycle, and no import running
 * back up. The order, from the bottom: the settings and the search strategies (pure functions of an archive view),
 * campaign specs, evaluation, the archive, git experiments and costs, guidance, events, the engine, then the entry
 * points (benchmarks, REST, CLI, main). And no source file longer than a newcomer reads in one sitting.
 */
class ArchitectureTest {

    private static final String BASE = "dev.clade.orchestrator";

    /** The packages from the bottom up; {@code main} is the root package (the entry point). */
    private static final List<String> LAYERS = List.of(
            "config",
            "timing",
            "metrics",
            "strategy",
            "campaign",
            "evaluation",
            "archive",
            "experiment",
            "cost",
            "guidance",
            "events",
            "engine",
            "bench",
            "api",
            "database",
            "health",
            "cli",
            "main");

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    @Test
    void should_have_no_package_cycles() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void should_import_only_downward() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInAnyPackage(BASE + "..");
        for (String layer : LAYERS) {
            layers = layers.layer(layer).definedBy(layer.equals("main") ? BASE : BASE + "." + layer + "..");
        }
        for (int i = 0; i < LAYERS.size(); i++) {
            String[] above = LAYERS.subList(i + 1, LAYERS.size()).toArray(String[]::new);
            layers = above.length == 0
                    ? layers.whereLayer(LAYERS.get(i)).mayNotBeAccessedByAnyLayer()
                    : layers.whereLayer(LAYERS.get(i)).mayOnlyBeAccessedByLayers(above);
        }
        layers.check(classes);
    }

    /** A class a newcomer can read in one sitting: none of the orchestrator's sources is longer than this. */
    private static final int MOST_LINES = 250;

    @Test
    void should_keep_every_source_file_readable_in_one_sitting() throws IOException {
        Path sources = Path.of("src/main/java");
        assertThat(sources).isDirectory();
        List<String> tooLong;
        try (Stream<Path> files = Files.walk(sources)) {
            tooLong = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> lines(f) > MOST_LINES)
                    .map(f -> sources.relativize(f) + " (" + lines(f) + " lines)")
                    .sorted()
                    .toList();
        }
        assertThat(tooLong).as("sources over " + MOST_LINES + " lines").isEmpty();
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
