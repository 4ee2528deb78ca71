package dev.clade.agents.proposer;

import dev.clade.memory.recall.RecalledLesson;
import java.util.List;
import java.util.Objects;

/**
 * What memory and knowledge tell a proposal (DESIGN.md, "The loop": {@code knowledge.retrieve + memory.recall}).
 *
 * @param lessons lessons recalled for this proposal, best first, and the parameter bounds failures taught
 * @param pages knowledge pages retrieved for the goal and the parent, best first
 * @param lookup searches a proposer may run while it works (the LLM agent's tools)
 */
public record Guidance(List<RecalledLesson> lessons, List<PageExcerpt> pages, Lookup lookup) {

    public Guidance {
        lessons = List.copyOf(lessons);
        pages = List.copyOf(pages);
        Objects.requireNonNull(lookup, "lookup");
    }

    /** No memory and no knowledge (memory off, or a proposal outside a campaign). */
    public static Guidance none() {
        return new Guidance(List.of(), List.of(), Lookup.NONE);
    }

    /** A knowledge page as a proposer sees it. */
    public record PageExcerpt(String key, String title, String type, String source, String text) {
        public PageExcerpt {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(text, "text");
        }
    }

    /** Searches of lessons and knowledge, for proposers that decide themselves what to look up. */
    public interface Lookup {

        Lookup NONE = new Lookup() {
            @Override
            public List<RecalledLesson> lessons(String query) {
                return List.of();
            }

            @Override
            public List<PageExcerpt> knowledge(String query) {
                return List.of();
            }
        };

        /** Lessons relevant to {@code query}, best first. */
        List<RecalledLesson> lessons(String query);

        /** Knowledge pages relevant to {@code query}, best first, with the pages a matching workflow links to. */
        List<PageExcerpt> knowledge(String query);
    }
}
