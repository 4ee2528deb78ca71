package dev.clade.orchestrator.cli;

import dev.clade.knowledge.KnowledgeException;
import dev.clade.knowledge.ingest.IngestResult;
import dev.clade.knowledge.store.KnowledgeBase;
import dev.clade.orchestrator.guidance.KnowledgeService;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code clade ingest}: adds sources to the knowledge base. */
@Dependent
@Unremovable
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Ingests folders, files or git repositories into the knowledge base: Markdown, HTML, PDF, code, text and"
                    + " paper lists (BibTeX, JSON or JSON Lines with a title and an abstract per entry) become typed"
                    + " pages (workflow, principle, implementation, environment, heuristic) with links between them.",
            "Ingesting a source again replaces its pages. A file that cannot be read is listed with the reason; the"
                    + " rest of the source is still ingested."
        })
public class IngestCommand implements Callable<Integer> {

    static final int SKIPPED_SHOWN = 20;

    @Parameters(arity = "1..*", paramLabel = "SOURCE", description = "a folder, a file or a git URL")
    List<String> sources;

    @Inject
    KnowledgeService knowledge;

    @Override
    public Integer call() {
        int status = CommandLine.ExitCode.OK;
        for (String source : sources) {
            try {
                print(knowledge.ingest(source));
            } catch (KnowledgeException e) {
                System.err.println("clade ingest: " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }

    private static void print(KnowledgeBase.Stored stored) {
        System.out.printf(
                "%s: %d pages (%s), %d links%n",
                stored.location(),
                stored.pages(),
                stored.byType().entrySet().stream()
                        .sorted(java.util.Map.Entry.comparingByKey())
                        .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")),
                stored.links());
        List<IngestResult.Skipped> skipped = stored.skipped();
        if (!skipped.isEmpty()) {
            System.out.printf("  left out %d file(s):%n", skipped.size());
            skipped.stream().limit(SKIPPED_SHOWN).forEach(s -> System.out.println("    " + s.describe()));
            if (skipped.size() > SKIPPED_SHOWN) {
                System.out.printf("    and %d more%n", skipped.size() - SKIPPED_SHOWN);
            }
        }
    }
}
