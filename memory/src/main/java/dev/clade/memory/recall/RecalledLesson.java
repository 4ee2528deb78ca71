package dev.clade.memory.recall;

import dev.clade.memory.distill.Lesson;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored lesson as recall returns it.
 *
 * @param id its row, to record that a proposal used it
 * @param campaign where it was learned; empty for a global lesson
 * @param timesUsed how many proposals were given it
 * @param timesHelpful how many of those children improved on their parent
 * @param score its rank in this recall (higher first); 0 where no ranking applied
 */
public record RecalledLesson(
        long id, Optional<String> campaign, Lesson lesson, int timesUsed, int timesHelpful, double score) {

    public RecalledLesson {
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(lesson, "lesson");
    }

    /** One line for a prompt or a listing. */
    public String describe() {
        Lesson l = lesson;
        String kind = l.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return "[" + kind + ", seen " + l.evidence().size() + "x, confidence "
                + String.format(java.util.Locale.ROOT, "%.2f", l.confidence())
                + (timesUsed > 0 ? ", helped " + timesHelpful + "/" + timesUsed : "") + "] " + l.lesson()
                + (l.suggestedFix().isBlank() ? "" : " -> " + l.suggestedFix());
    }
}
