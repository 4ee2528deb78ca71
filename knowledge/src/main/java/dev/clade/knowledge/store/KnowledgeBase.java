package dev.clade.knowledge.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clade.knowledge.KnowledgeException;
import dev.clade.knowledge.ingest.IngestResult;
import dev.clade.knowledge.page.PageDraft;
import dev.clade.knowledge.page.PageType;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The knowledge base in PostgreSQL: sources, their typed pages with embeddings, and the links between pages. Storing a
 * source again replaces its pages, so re-ingesting a folder that changed leaves no stale page behind.
 */
@ApplicationScoped
public class KnowledgeBase {

    /** Characters of a page (after its title) that its embedding reads; the sentence model reads little more. */
    static final int EMBED_CHARS = 1_500;

    private static final int EMBED_BATCH = 64;
    private static final int STORE_TIMEOUT_SECONDS = 600;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What storing one ingestion did.
     *
     * @param pages pages stored
     * @param links links stored between them
     * @param byType pages per type
     * @param skipped what the ingestion left out, and why
     */
    public record Stored(
            long sourceId,
            String location,
            int pages,
            int links,
            Map<PageType, Integer> byType,
            List<IngestResult.Skipped> skipped) {
        public Stored {
            byType = Map.copyOf(byType);
            skipped = List.copyOf(skipped);
        }
    }

    /** A page with the pages it links to and the pages that link to it. */
    public record PageWithLinks(
            PageRecord page, String sourceLocation, List<PageRecord> linksTo, List<PageRecord> linkedFrom) {
        public PageWithLinks {
            linksTo = List.copyOf(linksTo);
            linkedFrom = List.copyOf(linkedFrom);
        }
    }

    private final EntityManager em;
    private final EmbeddingModel embeddings;

    public KnowledgeBase(EntityManager em, EmbeddingModel embeddings) {
        this.em = em;
        this.embeddings = embeddings;
    }

    /**
     * Stores an ingestion of {@code location}, replacing what an earlier ingestion of it stored. The pages are embedded
     * first, outside any transaction (a large repository takes minutes on a CPU); then they replace the old ones in
     * one short transaction, so a reader sees the old pages or the new ones, never a mix.
     */
    public Stored store(String location, IngestResult result) {
        return store(location, result, null);
    }

    /** As {@link #store(String, IngestResult)}, remembering what the source looked like ({@code fingerprint}). */
    public Stored store(String location, IngestResult result, String fingerprint) {
        List<float[]> vectors = embed(result.pages());
        // A large source is many inserts: more time than the default transaction timeout.
        return QuarkusTransaction.requiringNew()
                .timeout(STORE_TIMEOUT_SECONDS)
                .call(() -> replace(location, result, vectors, fingerprint));
    }

    private Stored replace(String location, IngestResult result, List<float[]> vectors, String fingerprint) {
        // Of two processes ingesting the same new source at once, one creates the row and the other waits for it.
        em.createNativeQuery("insert into knowledge_source (location) values (?1) on conflict (location) do nothing")
                .setParameter(1, location)
                .executeUpdate();
        SourceRecord source = em.createQuery("from SourceRecord where location = :l", SourceRecord.class)
                .setParameter("l", location)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getSingleResult();
        em.createQuery("delete from PageRecord where sourceId = :s")
                .setParameter("s", source.id)
                .executeUpdate();
        Map<String, Long> ids = new HashMap<>();
        Map<PageType, Integer> byType = new EnumMap<>(PageType.class);
        for (int i = 0; i < result.pages().size(); i++) {
            PageDraft d = result.pages().get(i);
            PageRecord p = new PageRecord();
            p.sourceId = source.id;
            p.key = d.key();
            p.title = d.title();
            p.type = d.type().name();
            p.format = d.format();
            p.location = d.source();
            p.body = d.body();
            p.embedding = vectors.get(i);
            p.persist();
            ids.put(d.key(), p.id);
            byType.merge(d.type(), 1, Integer::sum);
        }
        em.flush();
        int links = 0;
        for (PageDraft d : result.pages()) {
            for (String target : d.links()) {
                Long to = ids.get(target);
                if (to != null) {
                    links += em.createNativeQuery("insert into knowledge_link (from_page, to_page) values (?1, ?2)"
                                    + " on conflict do nothing")
                            .setParameter(1, ids.get(d.key()))
                            .setParameter(2, to)
                            .executeUpdate();
                }
            }
        }
        source.pages = result.pages().size();
        source.fingerprint = fingerprint;
        source.skipped = json(result.skipped());
        source.ingestedAt = Instant.now();
        return new Stored(source.id, location, source.pages, links, byType, result.skipped());
    }

    /** Deletes a source and its pages; false when there is no such source. */
    @Transactional
    public boolean delete(String location) {
        return em.createQuery("delete from SourceRecord where location = :l")
                        .setParameter("l", location)
                        .executeUpdate()
                > 0;
    }

    /** Every source, most recently ingested first. */
    @Transactional
    public List<SourceRecord> sources() {
        return em.createQuery("from SourceRecord order by ingestedAt desc, id desc", SourceRecord.class)
                .getResultList();
    }

    @Transactional
    public Optional<SourceRecord> source(String location) {
        return em.createQuery("from SourceRecord where location = :l", SourceRecord.class)
                .setParameter("l", location)
                .getResultStream()
                .findFirst();
    }

    /** What a source's last ingestion left out. */
    public static List<IngestResult.Skipped> skipped(SourceRecord source) {
        try {
            return JSON.readValue(source.skipped, new TypeReference<List<IngestResult.Skipped>>() {});
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    @Transactional
    public Optional<PageWithLinks> page(long id) {
        PageRecord page = em.find(PageRecord.class, id);
        if (page == null) {
            return Optional.empty();
        }
        SourceRecord source = em.find(SourceRecord.class, page.sourceId);
        return Optional.of(new PageWithLinks(
                page,
                source == null ? "" : source.location,
                em.createQuery(
                                "select p from PageRecord p where p.id in (select l.toPage from LinkRecord l"
                                        + " where l.fromPage = :id) order by p.title",
                                PageRecord.class)
                        .setParameter("id", id)
                        .getResultList(),
                em.createQuery(
                                "select p from PageRecord p where p.id in (select l.fromPage from LinkRecord l"
                                        + " where l.toPage = :id) order by p.title",
                                PageRecord.class)
                        .setParameter("id", id)
                        .getResultList()));
    }

    /** The page of a source with this key ({@code docs/guide.md#install}). */
    @Transactional
    public Optional<PageWithLinks> page(String location, String key) {
        return em.createQuery(
                        "select p.id from PageRecord p, SourceRecord s where p.sourceId = s.id and s.location = :l"
                                + " and p.key = :k",
                        Long.class)
                .setParameter("l", location)
                .setParameter("k", key)
                .getResultStream()
                .findFirst()
                .flatMap(this::page);
    }

    private List<float[]> embed(List<PageDraft> pages) {
        List<float[]> out = new ArrayList<>(pages.size());
        for (int from = 0; from < pages.size(); from += EMBED_BATCH) {
            List<TextSegment> batch = pages.subList(from, Math.min(pages.size(), from + EMBED_BATCH)).stream()
                    .map(p -> TextSegment.from(p.title() + "\n"
                            + p.body().substring(0, Math.min(p.body().length(), EMBED_CHARS))))
                    .toList();
            try {
                embeddings.embedAll(batch).content().stream()
                        .map(Embedding::vector)
                        .forEach(out::add);
            } catch (RuntimeException e) {
                throw new KnowledgeException("cannot embed the pages: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static String json(List<IngestResult.Skipped> skipped) {
        try {
            return JSON.writeValueAsString(skipped);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the skipped files", e);
        }
    }
}
