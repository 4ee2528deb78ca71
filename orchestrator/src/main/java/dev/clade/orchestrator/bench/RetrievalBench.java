package dev.clade.orchestrator.bench;

import dev.clade.knowledge.ingest.Ingestor;
import dev.clade.knowledge.search.KnowledgeHit;
import dev.clade.knowledge.search.KnowledgeSearch;
import dev.clade.knowledge.store.KnowledgeBase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Retrieval quality on a small labelled set: a sample corpus (Markdown, HTML, PDF, BibTeX, code) is ingested, and for
 * each query, written in other words than its page, the page that answers it should be among the first five results.
 */
public final class RetrievalBench {

    static final String RESOURCES = "/dev/clade/orchestrator/bench/knowledge/";
    public static final int K = 5;

    /** One labelled query and where its page came out (0 when not in the first {@link #K}). */
    public record Query(String text, String expected, int rank) {}

    /** The outcome: every query, and how many found their page first and in the first {@link #K}. */
    public record Result(List<Query> queries, int pages) {
        public double recallAtK() {
            return queries.stream().filter(q -> q.rank() > 0).count() / (double) queries.size();
        }

        public double recallAt1() {
            return queries.stream().filter(q -> q.rank() == 1).count() / (double) queries.size();
        }
    }

    private final KnowledgeBase base;
    private final KnowledgeSearch search;

    public RetrievalBench(KnowledgeBase base, KnowledgeSearch search) {
        this.base = base;
        this.search = search;
    }

    /** Ingests the corpus under {@code workDir}, runs the queries, and deletes the corpus's pages again. */
    public Result run(Path workDir) {
        Path corpus = extract(workDir.resolve("corpus"));
        try {
            return measure(base.store(corpus.toString(), new Ingestor().ingest(corpus)));
        } finally {
            base.delete(corpus.toString());
        }
    }

    private Result measure(KnowledgeBase.Stored stored) {
        List<Query> out = new ArrayList<>();
        for (String[] q : queries()) {
            List<KnowledgeHit> hits = search.search(q[0], K, Set.of());
            int rank = 0;
            for (int i = 0; i < hits.size(); i++) {
                if (hits.get(i).key().equals(q[1])) {
                    rank = i + 1;
                    break;
                }
            }
            out.add(new Query(q[0], q[1], rank));
        }
        return new Result(out, stored.pages());
    }

    static List<String[]> queries() {
        List<String[]> out = new ArrayList<>();
        for (String line : lines("queries.tsv")) {
            String[] parts = line.split("\t");
            if (parts.length == 2) {
                out.add(parts);
            }
        }
        return out;
    }

    /** Writes the sample corpus into {@code dir}. */
    public static Path extract(Path dir) {
        return BenchResources.write(RESOURCES, lines("corpus.list"), dir);
    }

    private static List<String> lines(String resource) {
        try (InputStream in = RetrievalBench.class.getResourceAsStream(RESOURCES + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing bench resource " + resource);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .filter(l -> !l.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
