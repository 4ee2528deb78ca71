package dev.clade.orchestrator.cli;

import dev.clade.knowledge.page.PageType;
import dev.clade.knowledge.search.KnowledgeHit;
import dev.clade.knowledge.search.KnowledgeSearch;
import dev.clade.knowledge.store.KnowledgeBase;
import dev.clade.knowledge.store.SourceRecord;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clade knowledge}: what the knowledge base holds. */
@Dependent
@Unremovable
@Command(
        name = "knowledge",
        mixinStandardHelpOptions = true,
        description = "Searches and lists the knowledge base (add to it with clade ingest).",
        subcommands = {KnowledgeCommand.Search.class, KnowledgeCommand.Sources.class, CommandLine.HelpCommand.class})
public class KnowledgeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** {@code clade knowledge search TEXT}. */
    @Dependent
    @Unremovable
    @Command(
            name = "search",
            mixinStandardHelpOptions = true,
            description = "Pages that match TEXT by words and by meaning, best first, with their type and source.")
    public static class Search implements Callable<Integer> {

        static final int EXCERPT_CHARS = 300;

        @Parameters(arity = "1..*", paramLabel = "TEXT")
        List<String> words;

        @Option(names = "--limit", paramLabel = "N", description = "at most N pages (default 5)")
        int limit = 5;

        @Option(
                names = "--type",
                paramLabel = "TYPE",
                split = ",",
                description = "only these types: workflow, principle, implementation, environment, heuristic")
        List<PageType> types = List.of();

        @Inject
        KnowledgeSearch search;

        @Override
        public Integer call() {
            List<KnowledgeHit> hits = search.search(String.join(" ", words), limit, Set.copyOf(types));
            if (hits.isEmpty()) {
                System.out.println(
                        search.pages() == 0
                                ? "The knowledge base is empty; add to it with clade ingest <folder | file | git URL>."
                                : "No page matches.");
                return 0;
            }
            for (KnowledgeHit h : hits) {
                System.out.printf("%.2f  %-14s %s%n", h.score(), h.type().name().toLowerCase(Locale.ROOT), h.title());
                System.out.printf("      source: %s (page %d)%n", h.source(), h.id());
                h.excerpt(EXCERPT_CHARS).lines().limit(6).forEach(l -> System.out.println("      " + l));
            }
            return 0;
        }
    }

    /** {@code clade knowledge sources}. */
    @Dependent
    @Unremovable
    @Command(name = "sources", mixinStandardHelpOptions = true, description = "The ingested sources.")
    public static class Sources implements Callable<Integer> {

        @Inject
        KnowledgeBase base;

        @Override
        public Integer call() {
            List<SourceRecord> sources = base.sources();
            if (sources.isEmpty()) {
                System.out.println("No sources yet; add one with clade ingest <folder | file | git URL>.");
            }
            for (SourceRecord s : sources) {
                int skipped = KnowledgeBase.skipped(s).size();
                System.out.printf(
                        "%s  %d pages%s  (ingested %s)%n",
                        s.location, s.pages, skipped == 0 ? "" : ", " + skipped + " files left out", s.ingestedAt);
            }
            return 0;
        }
    }
}
