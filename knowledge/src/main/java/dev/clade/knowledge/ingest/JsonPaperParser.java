package dev.clade.knowledge.ingest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Paper lists in JSON (a top-level array of objects) or JSON Lines (one object per line). It is a
 * paper list when at least half of its items are objects with a text {@code title}; those become
 * paper pages, with {@code abstract} (or {@code summary}), {@code authors} (text, array of text, or
 * array of objects with {@code name}), {@code year} and {@code url} when present. Any other JSON file,
 * malformed JSON included, is not a paper list and yields nothing.
 */
final class JsonPaperParser implements FormatParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public List<RawPage> parse(SourceFile file, byte[] content) throws UnreadableFileException {
        String text = FileContents.utf8(content);
        List<JsonNode> items = file.fileName().toLowerCase(Locale.ROOT).endsWith(".jsonl") ? lines(text) : array(text);
        List<PaperEntry> papers = items.stream()
                .map(JsonPaperParser::toPaper)
                .flatMap(Optional::stream)
                .toList();
        if (papers.isEmpty() || papers.size() * 2 < items.size()) {
            return List.of();
        }
        return papers.stream().map(paper -> paper.toPage(file)).toList();
    }

    private static List<JsonNode> array(String text) {
        try {
            JsonNode root = MAPPER.readTree(text);
            return root != null && root.isArray()
                    ? List.copyOf(root.valueStream().toList())
                    : List.of();
        } catch (JacksonException e) {
            return List.of();
        }
    }

    /** One node per non-blank line; a malformed line counts as an item that is not a paper. */
    private static List<JsonNode> lines(String text) {
        List<JsonNode> items = new ArrayList<>();
        for (String line : text.lines().filter(line -> !line.isBlank()).toList()) {
            try {
                items.add(MAPPER.readTree(line));
            } catch (JacksonException e) {
                items.add(MAPPER.nullNode());
            }
        }
        return items;
    }

    private static Optional<PaperEntry> toPaper(JsonNode item) {
        String title = text(item, "title");
        if (!item.isObject() || title.isBlank()) {
            return Optional.empty();
        }
        String abstractText = text(item, "abstract").isBlank() ? text(item, "summary") : text(item, "abstract");
        return Optional.of(new PaperEntry(
                "", title, authors(item.path("authors")), text(item, "year"), abstractText, text(item, "url")));
    }

    private static String text(JsonNode item, String field) {
        JsonNode value = item.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText().strip() : "";
    }

    private static List<String> authors(JsonNode authors) {
        if (authors.isTextual()) {
            return List.of(authors.asText());
        }
        List<String> names = new ArrayList<>();
        for (JsonNode author : authors) {
            String name = author.isTextual() ? author.asText() : text(author, "name");
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        return names;
    }
}
