package dev.clade.knowledge.search;

import dev.clade.knowledge.page.PageType;
import java.util.Objects;

/**
 * A page that retrieval returned.
 *
 * @param id its row
 * @param key its key within its source ({@code docs/guide.md#install})
 * @param source where it came from: the source's location and the place in it ({@code docs/guide.md § Install})
 * @param score relevance to the query, higher first; pages reached through a link carry their workflow's
 * @param via why it was returned: {@code match}, {@code linked from workflow '...'}, {@code matches the error}
 */
public record KnowledgeHit(
        long id,
        String key,
        String title,
        PageType type,
        String format,
        String source,
        String body,
        double score,
        String via) {

    public KnowledgeHit {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(via, "via");
    }

    /** The first {@code chars} characters of the body, cut at a line end where one is near. */
    public String excerpt(int chars) {
        if (body.length() <= chars) {
            return body.strip();
        }
        int cut = body.lastIndexOf('\n', chars);
        return body.substring(0, cut > chars / 2 ? cut : chars).strip() + " [...]";
    }
}
