package dev.clade.memory.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clade.memory.distill.Lesson;
import dev.clade.memory.distill.LessonKind;
import dev.clade.memory.distill.LessonMerger;
import dev.clade.memory.distill.ParameterLimit;
import dev.langchain4j.model.embedding.EmbeddingModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Lessons in PostgreSQL: a new lesson merges into its near-duplicate of the same scope (same kind and trigger),
 * accumulating evidence, or is stored as a new row with its embedding. Lessons about the environment are global (the
 * machine is the same for every campaign); the others belong to the campaign they were learned in. Safe for several
 * workers and processes at once (the row is locked while it merges).
 */
@ApplicationScoped
public class LessonStore {

    private static final Logger LOG = Logger.getLogger(LessonStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EntityManager em;
    private final EmbeddingModel embeddings;

    public LessonStore(EntityManager em, EmbeddingModel embeddings) {
        this.em = em;
        this.embeddings = embeddings;
    }

    /** Stores lessons learned in {@code campaign}, merging each into its near-duplicate. */
    @Transactional
    public void learn(String campaign, List<Lesson> lessons) {
        learn(campaign, lessons, null);
    }

    /** As {@link #learn(String, List)}, for lessons a model wrote ({@code model} its label; null for none). */
    @Transactional
    public void learn(String campaign, List<Lesson> lessons, String model) {
        // Rows are locked in one order by every worker, so two workers that learn the same lessons cannot deadlock.
        List<Lesson> ordered =
                lessons.stream().sorted(Comparator.comparing(Lesson::key)).toList();
        for (Lesson l : ordered) {
            String scope = l.kind() == LessonKind.ENVIRONMENT_CONSTRAINT ? null : campaign;
            // A placeholder row first: of two workers learning a new lesson at once, one creates it and the other
            // merges into it, instead of failing on the unique key.
            List<?> created = em.createNativeQuery("insert into lesson (campaign, kind, trigger, lesson, outcome_sign,"
                            + " confidence) values (?1, ?2, ?3, '', 0, 0) on conflict do nothing returning id")
                    .setParameter(1, scope)
                    .setParameter(2, l.kind().name())
                    .setParameter(3, l.trigger())
                    .getResultList();
            LessonRecord r = locked(scope, l);
            if (!created.isEmpty()) {
                r.model = model;
                write(r, l);
                r.createdAt = Instant.now();
            } else {
                write(r, LessonMerger.merge(toLesson(r), l));
            }
            r.updatedAt = Instant.now();
        }
    }

    private LessonRecord locked(String scope, Lesson l) {
        var query = em.createQuery(
                "from LessonRecord where " + (scope == null ? "campaign is null" : "campaign = :c")
                        + " and kind = :k and trigger = :t",
                LessonRecord.class);
        if (scope != null) {
            query.setParameter("c", scope);
        }
        return query.setParameter("k", l.kind().name())
                .setParameter("t", l.trigger())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getSingleResult();
    }

    /** Lessons of one campaign and the global ones (or every lesson, with {@code campaign} empty), most confident first. */
    @Transactional
    public List<LessonRecord> records(Optional<String> campaign) {
        String where = campaign.isPresent() ? " where campaign = :c or campaign is null" : "";
        var q = em.createQuery(
                "from LessonRecord" + where + " order by confidence desc, updatedAt desc, id", LessonRecord.class);
        campaign.ifPresent(c -> q.setParameter("c", c));
        return q.getResultList();
    }

    private void write(LessonRecord r, Lesson l) {
        boolean textChanged = !l.lesson().equals(r.lesson) || !l.suggestedFix().equals(r.suggestedFix);
        r.kind = l.kind().name();
        r.trigger = l.trigger();
        r.lesson = l.lesson();
        r.suggestedFix = l.suggestedFix();
        r.outcomeSign = l.outcomeSign();
        r.confidence = l.confidence();
        r.limitFile = l.limit().map(ParameterLimit::file).orElse(null);
        r.limitName = l.limit().map(ParameterLimit::name).orElse(null);
        r.limitBelow = l.limit().map(ParameterLimit::below).orElse(null);
        r.limitValue = l.limit().map(ParameterLimit::value).orElse(null);
        try {
            r.evidence = JSON.writeValueAsString(l.evidence());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the evidence of a lesson", e);
        }
        if (textChanged || r.embedding == null) {
            r.embedding = embed(l);
        }
    }

    private float[] embed(Lesson l) {
        try {
            return embeddings
                    .embed(l.trigger() + ". " + l.lesson() + ". " + l.suggestedFix())
                    .content()
                    .vector();
        } catch (RuntimeException e) {
            // Full-text recall still finds the lesson; losing it would be worse than losing its vector.
            LOG.warnf(e, "could not embed lesson '%s'", l.trigger());
            return null;
        }
    }

    /** The lesson a row holds. */
    public static Lesson toLesson(LessonRecord r) {
        List<Lesson.Evidence> evidence;
        try {
            evidence = JSON.readValue(r.evidence, new TypeReference<List<Lesson.Evidence>>() {});
        } catch (JsonProcessingException e) {
            evidence = List.of();
        }
        Optional<ParameterLimit> limit = r.limitName == null || r.limitValue == null
                ? Optional.empty()
                : Optional.of(
                        new ParameterLimit(r.limitFile, r.limitName, Boolean.TRUE.equals(r.limitBelow), r.limitValue));
        return new Lesson(
                LessonKind.valueOf(r.kind),
                r.trigger,
                r.lesson,
                r.suggestedFix,
                r.outcomeSign,
                evidence,
                r.confidence,
                limit);
    }
}
