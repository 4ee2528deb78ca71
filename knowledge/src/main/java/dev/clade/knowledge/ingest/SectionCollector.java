package dev.clade.knowledge.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects a heading-structured document (Markdown, HTML) into one raw page per section. Text before
 * the first heading is a page keyed by the file's path and titled {@code preambleTitle}; a section is
 * keyed {@code path#slug-of-heading}. Sections without text are dropped.
 */
final class SectionCollector {

    private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t]+(?=\\n)");
    private static final Pattern BLANK_RUN = Pattern.compile("\\n{3,}");

    private final SourceFile file;
    private final String format;
    private final List<RawPage> pages = new ArrayList<>();
    private String heading;
    private String title;
    private StringBuilder text = new StringBuilder();
    private List<String> hrefs = new ArrayList<>();

    SectionCollector(SourceFile file, String format, String preambleTitle) {
        this.file = file;
        this.format = format;
        this.title = preambleTitle;
    }

    /** Ends the current section and starts one under this heading. */
    void startSection(String headingText) {
        closeSection();
        heading = headingText.strip();
        title = heading;
    }

    void append(String content) {
        text.append(content);
    }

    /** Ends the text with at least {@code count} line breaks (none at the start of a section). */
    void lineBreaks(int count) {
        if (text.isEmpty()) {
            return;
        }
        int present = 0;
        while (present < text.length() && text.charAt(text.length() - 1 - present) == '\n') {
            present++;
        }
        text.append("\n".repeat(Math.max(0, count - present)));
    }

    boolean endsWithNewline() {
        return text.isEmpty() || text.charAt(text.length() - 1) == '\n';
    }

    void addHref(String href) {
        hrefs.add(href);
    }

    /** Removes and returns the current section's last line (for a Setext heading's text). */
    String removeLastLine() {
        String current = text.toString().stripTrailing();
        int start = current.lastIndexOf('\n') + 1;
        text = new StringBuilder(current.substring(0, start));
        return current.substring(start);
    }

    List<RawPage> finish() {
        closeSection();
        return List.copyOf(pages);
    }

    private void closeSection() {
        String body = BLANK_RUN
                .matcher(TRAILING_SPACE.matcher(text).replaceAll(""))
                .replaceAll("\n\n")
                .strip();
        if (!body.isEmpty()) {
            String path = file.relativePath();
            String key = heading == null ? path : path + "#" + Slugs.of(heading);
            String source = heading == null ? path : path + " § " + heading;
            pages.add(RawPage.of(file, key, title, body, source, format).withHrefs(hrefs));
        }
        text = new StringBuilder();
        hrefs = new ArrayList<>();
    }
}
