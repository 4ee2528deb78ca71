package dev.clade.orchestrator.testing;

import dev.clade.orchestrator.bench.RetrievalBench;
import java.nio.file.Path;

/** The sample corpus of {@code clade bench memory} (Markdown, HTML, PDF, BibTeX, code), written into a folder. */
public final class KnowledgeSamples {

    /** Pages the corpus makes. */
    public static final int PAGES = 16;

    private KnowledgeSamples() {}

    public static Path corpus(Path dir) {
        return RetrievalBench.extract(dir);
    }
}
