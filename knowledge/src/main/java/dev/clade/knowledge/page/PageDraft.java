package dev.clade.knowledge.page;

import java.util.List;
import java.util.Objects;

/**
 * One page produced by an ingestion, ready to be stored.
 *
 * @param key stable key, unique within one ingestion: the file's relative path (with {@code /}
 *     separators), plus {@code #} and a slug for a section ({@code docs/guide.md#install}), a PDF page
 *     range ({@code paper.pdf#p3-4}), a paper ({@code papers.bib#vaswani2017}) or a part number
 * @param title the section heading, the document title, the file's relative path for code
 * @param type what the page is for, see {@link PageClassifier}
 * @param body the text of the page (code verbatim for code pages)
 * @param source human-readable location: {@code docs/guide.md § Install}, {@code paper.pdf p. 3-4}
 * @param format one of {@code markdown}, {@code html}, {@code pdf}, {@code code}, {@code text},
 *     {@code paper}
 * @param links keys of other pages of the same ingestion this page points to: no self link, no
 *     duplicates
 */
public record PageDraft(
        String key, String title, PageType type, String body, String source, String format, List<String> links) {

    /** The formats a page may have. */
    public static final List<String> FORMATS = List.of("markdown", "html", "pdf", "code", "text", "paper");

    public PageDraft {
        requireText(key, "key");
        requireText(title, "title");
        requireText(body, "body");
        requireText(source, "source");
        Objects.requireNonNull(type, "type");
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("format must be one of " + FORMATS + ", got: " + format);
        }
        links = List.copyOf(links);
        if (links.contains(key)) {
            throw new IllegalArgumentException("page " + key + " links to itself");
        }
        if (links.stream().distinct().count() != links.size()) {
            throw new IllegalArgumentException("page " + key + " has duplicate links: " + links);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
