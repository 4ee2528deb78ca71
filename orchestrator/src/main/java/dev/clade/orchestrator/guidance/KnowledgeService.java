package dev.clade.orchestrator.guidance;

import dev.clade.knowledge.KnowledgeException;
import dev.clade.knowledge.ingest.IngestResult;
import dev.clade.knowledge.ingest.Ingestor;
import dev.clade.knowledge.store.KnowledgeBase;
import dev.clade.orchestrator.CladeConfig;
import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.engine.Folders;
import dev.clade.orchestrator.experiment.Clones;
import dev.clade.orchestrator.experiment.ExperimentException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Ingestion of knowledge sources: folders and files read in place, git URLs cloned (one commit deep) under {@code
 * $CLADE_HOME/knowledge} first. Storing a source again replaces its pages.
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
        if (SpecReader.isUrl(source)) {
            Path dir = config.home().resolve("knowledge").resolve(slug(Clones.shown(source)));
            Folders.delete(dir);
            try {
                Clones.shallow(source, dir);
            } catch (ExperimentException e) {
                throw new KnowledgeException(e.getMessage(), e);
            }
            Folders.delete(dir.resolve(".git"));
            return base.store(Clones.shown(source), new Ingestor().ingest(dir));
        }
        Path path = Path.of(source).toAbsolutePath().normalize();
        IngestResult result = new Ingestor().ingest(path);
        return base.store(path.toString(), result);
    }

    /**
     * Ingests the sources of a campaign that the knowledge base does not hold yet; a source that fails is told and
     * left out (knowledge helps a campaign, it must not stop one).
     */
    public void ensure(List<String> sources, Consumer<String> tell) {
        for (String source : sources) {
            String location = SpecReader.isUrl(source) ? Clones.shown(source) : source;
            if (base.source(location).isPresent()) {
                continue;
            }
            try {
                KnowledgeBase.Stored stored = ingest(source);
                tell.accept("knowledge: ingested " + location + " (" + stored.pages() + " pages"
                        + (stored.skipped().isEmpty()
                                ? ""
                                : ", " + stored.skipped().size() + " files left out") + ")");
            } catch (KnowledgeException e) {
                tell.accept("knowledge: could not ingest " + location + ": " + e.getMessage());
            }
        }
    }

    private static String slug(String location) {
        String s =
                location.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.length() > 80 ? s.substring(s.length() - 80) : s;
    }
}
