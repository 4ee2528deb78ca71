package dev.clade.knowledge.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a paper list (BibTeX, JSON): a title and whatever else is known.
 *
 * @param id the citation key, or blank to key the page by a slug of the title
 * @param authors the authors, possibly empty
 * @param year the year as written, possibly blank
 * @param abstractText the abstract, possibly blank
 * @param url a link to the paper, possibly blank
 */
record PaperEntry(String id, String title, List<String> authors, String year, String abstractText, String url) {

    PaperEntry {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a paper needs a title");
        }
        id = blankIfNull(id);
        authors = List.copyOf(authors);
        year = blankIfNull(year);
        abstractText = blankIfNull(abstractText);
        url = blankIfNull(url);
    }

    /** A page keyed {@code path#id} (or {@code path#slug-of-title}), body: title, authors, year, URL, abstract. */
    RawPage toPage(SourceFile file) {
        String path = file.relativePath();
        String name = id.isBlank() ? Slugs.of(title) : id;
        return RawPage.of(file, path + "#" + name, title, body(), path + " § " + name, "paper");
    }

    private String body() {
        List<String> lines = new ArrayList<>();
        lines.add(title);
        if (!authors.isEmpty()) {
            lines.add("Authors: " + String.join(", ", authors));
        }
        if (!year.isBlank()) {
            lines.add("Year: " + year);
        }
        if (!url.isBlank()) {
            lines.add("URL: " + url);
        }
        if (!abstractText.isBlank()) {
            lines.add("");
            lines.add(abstractText);
        }
        return String.join("\n", lines);
    }

    private static String blankIfNull(String value) {
        return value == null ? "" : value.strip();
    }
}
