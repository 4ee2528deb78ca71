package dev.clade.knowledge.search;

import dev.clade.knowledge.page.PageType;
import dev.clade.knowledge.store.PageRecord;
import dev.clade.textsearch.TextRank;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Retrieval from the knowledge base (DESIGN.md, "Knowledge"): hybrid (PostgreSQL full-text search, title weighted
 * above body, and embedding similarity, equally weighted) and tiered: the pages a matching workflow links to come with
 * it, and for an error, the environment and heuristic pages that match the error.
 */
@ApplicationScoped
public class KnowledgeSearch {

    /** Below this relevance a page is unrelated to the query. */
    public static final double MIN_RELEVANCE = 0.15;

    /** Pages that an error brings in, at most. */
    static final int ERROR_PAGES = 3;

    /** Pages a matching workflow brings in through its links, at most. */
    static final int LINKED_PAGES = 3;

    private final EntityManager em;
    private final EmbeddingModel embeddings;

    public KnowledgeSearch(EntityManager em, EmbeddingModel embeddings) {
        this.em = em;
        this.embeddings = embeddings;
    }

    /** The {@code limit} pages most relevant to {@code query}, of the given types (all when empty), best first. */
    @Transactional
    public List<KnowledgeHit> search(String query, int limit, Set<PageType> types) {
        return search(query, limit, types, vectors());
    }

    /** Every page's id, type and embedding: what a search compares the query with. */
    private List<Object[]> vectors() {
        return em.createQuery("select p.id, p.type, p.embedding from PageRecord p", Object[].class)
                .getResultList();
    }

    private List<KnowledgeHit> search(String query, int limit, Set<PageType> types, List<Object[]> all) {
        if (query == null || query.isBlank() || limit <= 0) {
            return List.of();
        }
        Map<Long, Double> text = TextRank.ranks(em, "knowledge_page", query);
        Embedding q = embeddings.embed(query).content();
        List<Object[]> vectors = all.stream()
                .filter(row -> types.isEmpty() || types.contains(PageType.valueOf((String) row[1])))
                .toList();
        // The best word match among the pages of the asked types, not among every page.
        double best = vectors.stream()
                .mapToDouble(row -> text.getOrDefault((Long) row[0], 0.0))
                .max()
                .orElse(0);
        Map<Long, Double> scores = new HashMap<>();
        for (Object[] row : vectors) {
            long id = (Long) row[0];
            double similarity = row[2] == null ? 0 : CosineSimilarity.between(q, Embedding.from((float[]) row[2]));
            double relevance = TextRank.relevance(text.getOrDefault(id, 0.0), best, similarity);
            if (relevance >= MIN_RELEVANCE) {
                scores.put(id, relevance);
            }
        }
        List<Long> ranked = scores.entrySet().stream()
                .sorted(Map.Entry.<Long, Double>comparingByValue().reversed())
                .map(Map.Entry::getKey)
                .toList();
        // The same page ingested from two places (a copy of a folder, a fork) is shown once, at its best rank.
        List<KnowledgeHit> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (int from = 0; from < ranked.size() && out.size() < limit; from += limit) {
            for (KnowledgeHit h :
                    hits(ranked.subList(from, Math.min(ranked.size(), from + limit)), scores::get, id -> "match")) {
                if (out.size() < limit && seen.add(h.title() + "\u0000" + h.body())) {
                    out.add(h);
                }
            }
        }
        return out;
    }

    /**
     * Tiered retrieval for a proposal: the pages that match {@code query}; then the pages the best matching workflow
     * links to; then, given an error, the environment and heuristic pages that match it.
     */
    @Transactional
    public List<KnowledgeHit> retrieve(String query, Optional<String> error, int limit) {
        Map<Long, KnowledgeHit> out = new LinkedHashMap<>();
        List<Object[]> all = vectors(); // read once for both the query and the error
        List<KnowledgeHit> matches = search(query, limit, Set.of(), all);
        matches.forEach(h -> out.put(h.id(), h));
        matches.stream().filter(h -> h.type() == PageType.WORKFLOW).findFirst().ifPresent(workflow -> {
            List<Long> linked = em
                    .createQuery(
                            "select l.toPage from LinkRecord l where l.fromPage = :id order by l.toPage", Long.class)
                    .setParameter("id", workflow.id())
                    .getResultList()
                    .stream()
                    .filter(id -> !out.containsKey(id))
                    .limit(LINKED_PAGES)
                    .toList();
            hits(linked, id -> workflow.score(), id -> "linked from workflow '" + workflow.title() + "'")
                    .forEach(h -> out.put(h.id(), h));
        });
        error.filter(e -> !e.isBlank())
                .ifPresent(e -> search(e, ERROR_PAGES, Set.of(PageType.ENVIRONMENT, PageType.HEURISTIC), all).stream()
                        .filter(h -> !out.containsKey(h.id()))
                        .forEach(h -> out.put(h.id(), withVia(h, "matches the error"))));
        return new ArrayList<>(out.values());
    }

    /** How many pages the knowledge base holds. */
    @Transactional
    public long pages() {
        return em.createQuery("select count(p) from PageRecord p", Long.class).getSingleResult();
    }

    private List<KnowledgeHit> hits(
            List<Long> ids,
            java.util.function.ToDoubleFunction<Long> score,
            java.util.function.Function<Long, String> via) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, PageRecord> pages = new HashMap<>();
        em.createQuery("from PageRecord where id in :ids", PageRecord.class)
                .setParameter("ids", ids)
                .getResultList()
                .forEach(p -> pages.put(p.id, p));
        Map<Long, String> sources = new HashMap<>();
        em.createQuery(
                        "select s.id, s.location from SourceRecord s where s.id in (select p.sourceId from PageRecord p"
                                + " where p.id in :ids)",
                        Object[].class)
                .setParameter("ids", ids)
                .getResultList()
                .forEach(r -> sources.put((Long) r[0], (String) r[1]));
        return ids.stream()
                .filter(pages::containsKey)
                .map(id -> {
                    PageRecord p = pages.get(id);
                    return new KnowledgeHit(
                            id,
                            p.key,
                            p.title,
                            PageType.valueOf(p.type),
                            p.format,
                            sources.getOrDefault(p.sourceId, "") + ": " + p.location,
                            p.body,
                            score.applyAsDouble(id),
                            via.apply(id));
                })
                .sorted(Comparator.comparingDouble(KnowledgeHit::score).reversed())
                .toList();
    }

    private static KnowledgeHit withVia(KnowledgeHit h, String via) {
        return new KnowledgeHit(h.id(), h.key(), h.title(), h.type(), h.format(), h.source(), h.body(), h.score(), via);
    }
}
