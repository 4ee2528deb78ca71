package dev.clade.knowledge.ingest;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * BibTeX: one paper page per entry with a title ({@code @comment}, {@code @string} and {@code
 * @preamble} are skipped, entries without a title too). Field values may be braced, quoted or bare;
 * simple LaTeX markup (braces, accents, {@code \&}) is removed. A truncated file yields the entries
 * before the break.
 */
final class BibtexParser implements FormatParser {

    private static final Set<String> NOT_ENTRIES = Set.of("comment", "string", "preamble");
    private static final Pattern LATEX_ESCAPE = Pattern.compile("\\\\([&%_$#])");
    private static final Pattern LATEX_ACCENT = Pattern.compile("\\\\[\"'^`~=.]");
    private static final Pattern LATEX_COMMAND = Pattern.compile("\\\\[a-zA-Z]+\\s*");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    @Override
    public List<RawPage> parse(SourceFile file, byte[] content) throws UnreadableFileException {
        BibCursor cursor = new BibCursor(FileContents.utf8(content));
        return cursor.entries().stream()
                .map(BibtexParser::toPaper)
                .flatMap(paper -> paper.stream().map(entry -> entry.toPage(file)))
                .toList();
    }

    private static Optional<PaperEntry> toPaper(BibCursor.Entry entry) {
        if (NOT_ENTRIES.contains(entry.type().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        entry.fields().forEach((name, value) -> fields.put(name.toLowerCase(Locale.ROOT), clean(value)));
        String title = fields.getOrDefault("title", "");
        if (title.isBlank()) {
            return Optional.empty();
        }
        List<String> authors = Arrays.stream(fields.getOrDefault("author", "").split("\\s+and\\s+"))
                .map(String::strip)
                .filter(author -> !author.isEmpty())
                .toList();
        String url =
                fields.getOrDefault("url", fields.containsKey("doi") ? "https://doi.org/" + fields.get("doi") : "");
        return Optional.of(
                new PaperEntry(entry.key(), title, authors, fields.get("year"), fields.get("abstract"), url));
    }

    /** A field value without LaTeX braces, escapes and accent commands, on one line. */
    static String clean(String value) {
        String text = LATEX_ESCAPE.matcher(value).replaceAll("$1");
        text = LATEX_ACCENT.matcher(text).replaceAll("");
        text = LATEX_COMMAND.matcher(text).replaceAll("");
        text = text.replace("{", "").replace("}", "").replace('~', ' ');
        return SPACES.matcher(text).replaceAll(" ").strip();
    }
}
