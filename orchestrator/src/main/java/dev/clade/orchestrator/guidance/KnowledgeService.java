package dev.clade.orchestrator.guidance;

import dev.clade.knowledge.KnowledgeException;
import dev.clade.knowledge.ingest.Fingerprints;
import dev.clade.knowledge.ingest.Ingestor;
import dev.clade.knowledge.store.KnowledgeBase;
import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.config.CladeConfig;
import dev.clade.orchestrator.experiment.Clones;
import dev.clade.orchestrator.experiment.ExperimentException;
import dev.clade.orchestrator.experiment.Folders;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Ingestion of knowledge sources: folders and files read in place; git URLs cloned (one commit deep) into a work
 * folder of their own, read, and deleted. Storing a source again replaces its pages.
 */
@ApplicationScoped
public class KnowledgeService {

    private final KnowledgeBase base;
    private final CladeConfig config;

    public KnowledgeService(KnowledgeBase base, CladeConfig config) {
        this.base = base;
        this.config = config;
    }

    /**
     * Ingests a folder, a file or a git URL. A file that cannot be read is listed in the result, not thrown; a source
     * that does not exist, or a repository that cannot be cloned, throws {@link KnowledgeException}.
     */
    public KnowledgeBase.Stored ingest(String source) {
        if (!SpecReader.isUrl(source)) {
            Path path = Path.of(source).toAbsolutePath().normalize();
            String fingerprint = Fingerprints.of(path);
            return base.store(path.toString(), new Ingestor().ingest(path), fingerprint);
        }
        // A clone of its own: two campaigns ingesting one URL at once never share (or delete) each other's.
        Path dir;
        try {
            Files.createDirectories(config.work());
            dir = Files.createTempDirectory(config.work(), "knowledge-");
        } catch (IOException e) {
            throw new KnowledgeException("cannot make a folder to clone " + Clones.shown(source) + " into", e);
        }
        try {
            Path repo = dir.resolve("repo");
            Clones.shallow(source, repo);
            Folders.delete(repo.resolve(".git"));
            return base.store(Clones.shown(source), new Ingestor().ingest(repo));
        } catch (ExperimentException e) {
            throw new KnowledgeException(e.getMessage(), e);
        } finally {
            Folders.delete(dir);
        }
    }

    /**
     * Ingests the sources of a campaign that the knowledge base does not hold yet, or, for a local folder or file, that
     * changed since it was ingested; a source that fails is told and left out (knowledge helps a campaign, it must not
     * stop one). A git URL is ingested once; {@code clade ingest} ingests it again.
     */
    public void ensure(List<String> sources, Consumer<String> tell) {
        for (String source : sources) {
            String location = SpecReader.isUrl(source) ? Clones.shown(source) : source;
            try {
                if (current(source, location)) {
                    continue;
                }
                KnowledgeBase.Stored stored = ingest(source);
                tell.accept("knowledge: ingested " + location + " (" + stored.pages() + " pages"
                        + (stored.skipped().isEmpty()
                                ? ""
                                : ", " + stored.skipped().size() + " files left out") + ")");
            } catch (RuntimeException e) {
                tell.accept("knowledge: could not ingest " + location + ": " + e.getMessage());
            }
        }
    }

    private boolean current(String source, String location) {
        return base.source(location)
                .map(stored -> SpecReader.isUrl(source)
                        || (stored.fingerprint != null && stored.fingerprint.equals(Fingerprints.of(Path.of(source)))))
                .orElse(false);
    }
}
