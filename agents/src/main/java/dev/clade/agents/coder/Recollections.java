package dev.clade.agents.coder;

import dev.clade.agents.proposer.Guidance;
import dev.clade.memory.recall.RecalledLesson;
import java.util.List;

/** Lessons and knowledge pages as an agent reads them, in its task and in its lookup tools' answers. */
final class Recollections {

    /** Characters of one page shown; the agent can search again for more. */
    static final int PAGE_CHARS = 1_500;

    private Recollections() {}

    static String lessons(List<RecalledLesson> lessons) {
        if (lessons.isEmpty()) {
            return "(no lessons recorded that match)";
        }
        StringBuilder out = new StringBuilder();
        for (RecalledLesson l : lessons) {
            out.append("- ").append(l.describe()).append('\n');
        }
        return out.toString().strip();
    }

    static String pages(List<Guidance.PageExcerpt> pages) {
        if (pages.isEmpty()) {
            return "(no knowledge pages that match)";
        }
        StringBuilder out = new StringBuilder();
        for (Guidance.PageExcerpt p : pages) {
            String text = p.text().strip();
            if (text.length() > PAGE_CHARS) {
                text = text.substring(0, PAGE_CHARS) + " [...]";
            }
            out.append("## ")
                    .append(p.title())
                    .append(" (")
                    .append(p.type())
                    .append("; ")
                    .append(p.source())
                    .append(")\n")
                    .append(text)
                    .append("\n\n");
        }
        return out.toString().strip();
    }
}
