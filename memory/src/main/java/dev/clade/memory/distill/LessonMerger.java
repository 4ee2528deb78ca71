package dev.clade.memory.distill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges near-duplicate lessons (same kind and normalised trigger): their evidence accumulates and confidence grows
 * with it, as n / (n + 1) for n consistent observations; evidence that disagrees on the outcome lowers it.
 */
public final class LessonMerger {

    /** Evidence kept per lesson: the most recent nodes. */
    public static final int MAX_EVIDENCE = 100;

    private LessonMerger() {}

    /** {@code existing} with {@code incoming} merged in: into its near-duplicate, or added. */
    public static List<Lesson> merge(List<Lesson> existing, List<Lesson> incoming) {
        Map<String, Lesson> byKey = new LinkedHashMap<>();
        existing.forEach(l -> byKey.merge(l.key(), l, LessonMerger::merge));
        incoming.forEach(l -> byKey.merge(l.key(), l, LessonMerger::merge));
        return List.copyOf(byKey.values());
    }

    /** Two lessons with the same key as one. */
    public static Lesson merge(Lesson a, Lesson b) {
        if (!a.key().equals(b.key())) {
            throw new IllegalArgumentException("not near-duplicates: " + a.key() + " and " + b.key());
        }
        List<Lesson.Evidence> all = new ArrayList<>(a.evidence());
        b.evidence().stream().filter(e -> !all.contains(e)).forEach(all::add);
        int n = all.size();
        // The most recent nodes are kept; a lesson seen this often is as confident as it gets anyway.
        List<Lesson.Evidence> evidence = all.subList(Math.max(0, all.size() - MAX_EVIDENCE), all.size());
        boolean agree = a.outcomeSign() == b.outcomeSign();
        double confidence = agree ? n / (n + 1.0) : Math.min(a.confidence(), b.confidence()) / 2;
        Optional<ParameterLimit> limit = a.limit().isPresent() && b.limit().isPresent()
                ? Optional.of(a.limit().get().tighter(b.limit().get()))
                : b.limit().or(a::limit);
        String fix = limit.map(
                        l -> "Keep " + l.name() + (l.below() ? " below " : " above ") + Distiller.number(l.value()))
                .orElse(b.suggestedFix().isBlank() ? a.suggestedFix() : b.suggestedFix());
        return new Lesson(
                a.kind(),
                a.trigger(),
                b.lesson(), // the newest wording, with the latest numbers
                fix,
                agree ? a.outcomeSign() : 0,
                evidence,
                confidence,
                limit);
    }
}
