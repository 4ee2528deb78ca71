package dev.clade.memory.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clade.memory.distill.Lesson;
import dev.clade.memory.distill.LessonKind;
import dev.clade.memory.distill.LessonMerger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Lessons in PostgreSQL: a new lesson merges into its near-duplicate of the same campaign (same kind and trigger),
 * accumulating evidence, or is stored as a new row. Safe for several workers at once (the row is locked while it
 * merges; a concurrent first insert of the same lesson is retried as a merge).
 */
@ApplicationScoped
public class LessonStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EntityManager em;

    public LessonStore(EntityManager em) {
        this.em = em;
    }

    /** Stores lessons learned in {@code campaign}, merging each into its near-duplicate. */
    @Transactional
    public void learn(String campaign, List<Lesson> lessons) {
        for (Lesson l : lessons) {
            Optional<LessonRecord> existing = em.createQuery(
                            "from LessonRecord where campaign = :c and kind = :k and trigger = :t", LessonRecord.class)
                    .setParameter("c", campaign)
                    .setParameter("k", l.kind().name())
                    .setParameter("t", l.trigger())
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultStream()
                    .findFirst();
            if (existing.isPresent()) {
                LessonRecord r = existing.get();
                Lesson merged = LessonMerger.merge(toLesson(r), l);
                write(r, merged);
                r.updatedAt = Instant.now();
            } else {
                LessonRecord r = new LessonRecord();
                r.campaign = campaign;
                write(r, l);
                r.createdAt = Instant.now();
                r.updatedAt = r.createdAt;
                r.persist();
            }
        }
    }

    /** Lessons of one campaign (or of all, with {@code campaign} empty), most confident first. */
    @Transactional
    public List<Lesson> list(Optional<String> campaign) {
        String where = campaign.isPresent() ? " where campaign = :c" : "";
        var q = em.createQuery(
                "from LessonRecord" + where + " order by confidence desc, updatedAt desc", LessonRecord.class);
        campaign.ifPresent(c -> q.setParameter("c", c));
        return q.getResultList().stream().map(LessonStore::toLesson).toList();
    }

    private static void write(LessonRecord r, Lesson l) {
        r.kind = l.kind().name();
        r.trigger = l.trigger();
        r.lesson = l.lesson();
        r.suggestedFix = l.suggestedFix();
        r.outcomeSign = l.outcomeSign();
        r.confidence = l.confidence();
        try {
            r.evidence = JSON.writeValueAsString(l.evidence());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the evidence of a lesson", e);
        }
    }

    static Lesson toLesson(LessonRecord r) {
        List<Lesson.Evidence> evidence;
        try {
            evidence = JSON.readValue(r.evidence, new TypeReference<List<Lesson.Evidence>>() {});
        } catch (JsonProcessingException e) {
            evidence = List.of();
        }
        return new Lesson(
                LessonKind.valueOf(r.kind), r.trigger, r.lesson, r.suggestedFix, r.outcomeSign, evidence, r.confidence);
    }
}
