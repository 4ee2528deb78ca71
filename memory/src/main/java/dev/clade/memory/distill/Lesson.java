package dev.clade.memory.distill;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A lesson as the distiller writes it, before it is stored or merged (DESIGN.md, "Lessons").
 *
 * @param kind what it is about
 * @param trigger when it applies, normalised so that near-duplicates share it (an error signature, "raise X in
 *     file")
 * @param lesson what was learned, in words
 * @param suggestedFix what to do about it; may be empty
 * @param outcomeSign +1 helped, 0 did nothing, -1 broke or hurt the run
 * @param evidence the nodes it was learned from
 * @param confidence in [0, 1]; grows with consistent evidence
 * @param limit for a parameter change that broke the run, the bound to keep the parameter within
 */
public record Lesson(
        LessonKind kind,
        String trigger,
        String lesson,
        String suggestedFix,
        int outcomeSign,
        List<Evidence> evidence,
        double confidence,
        Optional<ParameterLimit> limit) {

    /** A lesson that bounds no parameter. */
    public Lesson(
            LessonKind kind,
            String trigger,
            String lesson,
            String suggestedFix,
            int outcomeSign,
            List<Evidence> evidence,
            double confidence) {
        this(kind, trigger, lesson, suggestedFix, outcomeSign, evidence, confidence, Optional.empty());
    }

    public Lesson {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(lesson, "lesson");
        suggestedFix = suggestedFix == null ? "" : suggestedFix;
        if (outcomeSign < -1 || outcomeSign > 1) {
            throw new IllegalArgumentException("outcomeSign must be -1, 0 or 1");
        }
        evidence = List.copyOf(evidence);
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1]");
        }
    }

    /** A node a lesson was learned from. */
    public record Evidence(String campaign, long node, String commit) {}

    /** Near-duplicates share this key and merge. */
    public String key() {
        return kind + "|" + trigger;
    }
}
