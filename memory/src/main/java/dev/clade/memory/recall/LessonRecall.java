package dev.clade.memory.recall;

import dev.clade.memory.store.LessonRecord;
import dev.clade.memory.store.LessonStore;
import dev.clade.textsearch.TextRank;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recall of lessons (DESIGN.md, "Lessons"): hybrid retrieval (PostgreSQL full-text search and in-process embeddings)
 * ranked with confidence, helpfulness and recency ({@link RecallRanking}); the parameter bounds failures taught; and
 * the bookkeeping that rates a lesson by whether the children that used it improved.
 */
@ApplicationScoped
public class LessonRecall {

    private final EntityManager em;
    private final LessonStore store;
    private final EmbeddingModel embeddings;

    public LessonRecall(EntityManager em, LessonStore store, EmbeddingModel embeddings) {
        this.em = em;
        this.store = store;
        this.embeddings = embeddings;
    }

    /** The {@code limit} lessons most worth knowing for {@code query}, best first; only relevant ones. */
    @Transactional
    public List<RecalledLesson> recall(RecallScope scope, String query, int limit) {
        if (query == null || query.isBlank() || limit <= 0) {
            return List.of();
        }
        List<LessonRecord> rows = rows(scope);
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, Double> text = TextRank.ranks(em, "lesson", query);
        // The best word match among the lessons in scope, not among every campaign's.
        double best = rows.stream()
                .mapToDouble(r -> text.getOrDefault(r.id, 0.0))
                .max()
                .orElse(0);
        Embedding q = embeddings.embed(query).content();
        Instant now = Instant.now();
        return rows.stream()
                .map(r -> recalled(
                        r,
                        RecallRanking.score(
                                new RecallRanking.Candidate(
                                        text.getOrDefault(r.id, 0.0),
                                        r.embedding == null
                                                ? 0
                                                : CosineSimilarity.between(q, Embedding.from(r.embedding)),
                                        r.confidence,
                                        r.timesUsed,
                                        r.timesHelpful,
                                        r.updatedAt),
                                best,
                                now)))
                .filter(l -> l.score() > 0)
                .sorted(Comparator.comparingDouble(RecalledLesson::score).reversed())
                .limit(limit)
                .toList();
    }

    /** The campaign's newest lessons of {@code kind} (its recommendations), newest first. */
    @Transactional
    public List<RecalledLesson> newest(String campaign, dev.clade.memory.distill.LessonKind kind, int limit) {
        return store.records(Optional.of(campaign)).stream()
                .filter(r -> campaign.equals(r.campaign) && kind.name().equals(r.kind))
                .sorted(Comparator.comparing((LessonRecord r) -> r.updatedAt).reversed())
                .limit(limit)
                .map(r -> recalled(r, r.confidence))
                .toList();
    }

    /**
     * The parameter bounds that failures taught and that still stand (evidence agrees, confidence at least {@code
     * minConfidence}), most confident first.
     */
    @Transactional
    public List<RecalledLesson> limits(RecallScope scope, double minConfidence) {
        return rows(scope).stream()
                .filter(r -> r.limitName != null && r.outcomeSign < 0 && r.confidence >= minConfidence)
                .map(r -> recalled(r, r.confidence))
                .toList();
    }

    /**
     * Records that the proposal of {@code node} was given these lessons (once per lesson and node). A use counts in
     * {@code times_used} once it is rated: a proposal that came to nothing neither helps nor hurts a lesson.
     */
    @Transactional
    public void used(String campaign, long node, Collection<Long> lessonIds) {
        for (long id : lessonIds) {
            em.createNativeQuery("insert into lesson_use (lesson_id, campaign, node) values (?1, ?2, ?3)"
                            + " on conflict do nothing")
                    .setParameter(1, id)
                    .setParameter(2, campaign)
                    .setParameter(3, node)
                    .executeUpdate();
        }
    }

    /**
     * Rates the lessons {@code node}'s proposal used by whether the node improved on its parent; each use is rated
     * once, so evaluating the node again changes nothing.
     */
    @Transactional
    public void rate(String campaign, long node, boolean improved) {
        em.createNativeQuery("with rated as (update lesson_use set helpful = ?1"
                        + " where campaign = ?2 and node = ?3 and helpful is null returning lesson_id)"
                        + " update lesson set times_used = times_used + 1, times_helpful = times_helpful + ?4"
                        + " where id in (select lesson_id from rated)")
                .setParameter(1, improved)
                .setParameter(2, campaign)
                .setParameter(3, node)
                .setParameter(4, improved ? 1 : 0)
                .executeUpdate();
    }

    /** The ids of the lessons {@code node}'s proposal was given. */
    @Transactional
    public List<Long> usedBy(String campaign, long node) {
        return em
                .createNativeQuery(
                        "select lesson_id from lesson_use where campaign = ?1 and node = ?2 order by lesson_id",
                        Long.class)
                .setParameter(1, campaign)
                .setParameter(2, node)
                .getResultList()
                .stream()
                .map(Long.class::cast)
                .toList();
    }

    private List<LessonRecord> rows(RecallScope scope) {
        return store.records(scope.everyCampaign() ? Optional.empty() : scope.campaign());
    }

    private static RecalledLesson recalled(LessonRecord r, double score) {
        return new RecalledLesson(
                r.id, Optional.ofNullable(r.campaign), LessonStore.toLesson(r), r.timesUsed, r.timesHelpful, score);
    }
}
