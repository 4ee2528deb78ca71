package dev.clade.knowledge.ingest;

import dev.clade.knowledge.page.PageType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves the links of the pages of one ingestion, in this order and without duplicates or self
 * links:
 *
 * <ol>
 *   <li>relative links ({@link HrefResolver}) to the linked file's first page, or to the linked
 *       section when the link's anchor names one;
 *   <li>"part of": every page but a document's first links to that first page (not between the
 *       entries of a paper list, which are separate papers);
 *   <li>mentions: a page whose body contains, as a whole word sequence (case-insensitive, any
 *       punctuation or spacing between words), the title of a workflow or principle page whose title
 *       has two words or more, links to that page (to its first part, to the first page with that
 *       title).
 * </ol>
 */
final class LinkResolver {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private record Mention(List<String> words, String key) {}

    private final HrefResolver hrefs;
    private final Map<String, String> firstKeyByFile = new HashMap<>();
    private final Map<String, List<Mention>> mentionsByFirstWord = new HashMap<>();

    LinkResolver(List<RawPage> pages, Map<String, PageType> types) {
        Set<String> keys = new LinkedHashSet<>();
        Set<List<String>> titles = new LinkedHashSet<>();
        for (RawPage page : pages) {
            keys.add(page.key());
            firstKeyByFile.putIfAbsent(page.file(), page.key());
            List<String> words = words(page.title());
            if (mentionable(page, types.get(page.key())) && !words.isEmpty() && titles.add(words)) {
                mentionsByFirstWord
                        .computeIfAbsent(words.getFirst(), word -> new ArrayList<>())
                        .add(new Mention(words, page.key()));
            }
        }
        this.hrefs = new HrefResolver(keys, firstKeyByFile);
    }

    /** First parts of workflow and principle pages with a title of two words or more. */
    private static boolean mentionable(RawPage page, PageType type) {
        boolean kind = type == PageType.WORKFLOW || type == PageType.PRINCIPLE;
        return kind && page.part() == 1 && page.title().strip().split("\\s+").length >= 2;
    }

    List<String> linksOf(RawPage page) {
        Set<String> links = new LinkedHashSet<>();
        page.hrefs().forEach(href -> hrefs.resolve(page.file(), href).ifPresent(links::add));
        String first = firstKeyByFile.get(page.file());
        if (!"paper".equals(page.format())) {
            links.add(first);
        }
        links.addAll(mentionedIn(page.body()));
        links.remove(page.key());
        return List.copyOf(links);
    }

    private List<String> mentionedIn(String body) {
        List<String> words = words(body);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            for (Mention mention : mentionsByFirstWord.getOrDefault(words.get(i), List.of())) {
                int end = i + mention.words().size();
                if (end <= words.size() && words.subList(i, end).equals(mention.words())) {
                    found.add(mention.key());
                }
            }
        }
        return found;
    }

    private static List<String> words(String text) {
        String normalized =
                NON_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        return normalized.isEmpty() ? List.of() : List.of(normalized.split(" "));
    }
}
