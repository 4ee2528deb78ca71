package dev.clade.orchestrator.experiment;

import dev.clade.orchestrator.config.CladeConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bare repositories under {@code $CLADE_HOME/repos}, one per target source: {@code <name>-<hash>.git}, where the
 * hash is of the source's absolute path or URL, so two targets with the same folder name never share a repository.
 */
@ApplicationScoped
public class ExperimentStore {

    private final Path home;
    private final Path repos;
    private final Map<Path, ExperimentRepository> open = new ConcurrentHashMap<>();

    public ExperimentStore(CladeConfig config) {
        this.home = config.home();
        this.repos = config.repos();
    }

    /** The repository for a target source (a path or URL), created when new. */
    public ExperimentRepository forSource(String source) {
        return open(repos.resolve(directoryName(source)));
    }

    /**
     * Checks, before anything is stored, what of an import can be checked at once: a plain folder within {@code
     * limits} (its files are counted and sized, not read). A git URL or repository is checked when it is fetched.
     *
     * @throws ExperimentException naming the folder and the limit it passes
     */
    public void checkImportable(String source, String ref, ImportLimits limits) {
        if (TargetSource.of(source.strip(), ref) instanceof TargetSource.PlainDirectory plain) {
            try {
                TargetImporter.within(
                        plain.dir(),
                        DirectoryScan.scan(plain.dir(), java.util.Set.of(), java.util.Set.of(home)),
                        limits);
            } catch (java.io.IOException e) {
                throw new ExperimentException("Cannot import " + plain.dir() + ": " + e, e);
            }
        }
    }

    /** The repository at {@code dir}, opened once per process. */
    public ExperimentRepository open(Path dir) {
        return open.computeIfAbsent(
                dir.toAbsolutePath().normalize(), bare -> ExperimentRepository.openOrCreate(bare, home));
    }

    static String directoryName(String source) {
        String trimmed = source.replaceAll("[/\\\\]+$", "").replaceAll("\\.git$", "");
        String last = trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf(':')) + 1);
        String name = last.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        return (name.isBlank() ? "target" : name) + "-" + hash(source).substring(0, 10) + ".git";
    }

    private static String hash(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void close() {
        open.values().forEach(ExperimentRepository::close);
        open.clear();
    }
}
