package dev.clade.knowledge.ingest;

import java.util.List;

/**
 * A page as a format parser produced it, before it is split into parts, classified and linked.
 *
 * @param file the relative path of the file it came from
 * @param hrefs link targets as written in the document (relative paths, anchors, URLs)
 * @param part 1 for a whole page or the first part, 2 and more for later parts
 */
record RawPage(
        String file,
        String key,
        String title,
        String body,
        String source,
        String format,
        List<String> hrefs,
        int part) {

    RawPage {
        hrefs = List.copyOf(hrefs);
    }

    static RawPage of(SourceFile file, String key, String title, String body, String source, String format) {
        return new RawPage(file.relativePath(), key, title, body, source, format, List.of(), 1);
    }

    RawPage withHrefs(List<String> newHrefs) {
        return new RawPage(file, key, title, body, source, format, newHrefs, part);
    }

    RawPage withKey(String newKey) {
        return new RawPage(file, newKey, title, body, source, format, hrefs, part);
    }
}
