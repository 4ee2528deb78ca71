package dev.clade.knowledge.ingest;

import dev.clade.knowledge.page.PageClassifier;
import dev.clade.knowledge.page.PageDraft;
import dev.clade.knowledge.page.PageType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the raw pages of one ingestion into drafts: splits long bodies into numbered parts, makes
 * keys unique, classifies each page and resolves links.
 *
 * <p>Part 2 and later of a page get {@code " (n)"} after the title, {@code " (part n)"} after the
 * source, and {@code "#n"} (or {@code "-n"} when the key already has an anchor) after the key. A key
 * that is still taken (two sections with the same heading) gets {@code -2}, {@code -3}, ... appended.
 */
final class PageAssembler {

    private PageAssembler() {}

    static List<PageDraft> assemble(List<RawPage> raw, IngestLimits limits) {
        List<RawPage> pages = uniqueKeys(raw.stream()
                .flatMap(page -> parts(page, limits.maxChars(page.format())).stream())
                .toList());
        Map<String, PageType> types = new HashMap<>();
        pages.forEach(page -> types.put(page.key(), PageClassifier.classify(page.title(), page.body(), page.format())));
        LinkResolver links = new LinkResolver(pages, types);
        return pages.stream()
                .map(page -> new PageDraft(
                        page.key(),
                        page.title(),
                        types.get(page.key()),
                        page.body(),
                        page.source(),
                        page.format(),
                        links.linksOf(page)))
                .toList();
    }

    static List<RawPage> parts(RawPage page, int maxChars) {
        List<String> chunks = TextSplitter.split(page.body(), maxChars);
        if (chunks.size() <= 1) {
            return chunks.isEmpty() ? List.of() : List.of(page);
        }
        List<RawPage> parts = new ArrayList<>();
        for (int n = 1; n <= chunks.size(); n++) {
            parts.add(part(page, n, chunks.get(n - 1)));
        }
        return parts;
    }

    private static RawPage part(RawPage page, int n, String body) {
        if (n == 1) {
            return new RawPage(
                    page.file(), page.key(), page.title(), body, page.source(), page.format(), page.hrefs(), 1);
        }
        String key = page.key() + (page.key().contains("#") ? "-" : "#") + n;
        return new RawPage(
                page.file(),
                key,
                page.title() + " (" + n + ")",
                body,
                page.source() + " (part " + n + ")",
                page.format(),
                page.hrefs(),
                n);
    }

    private static List<RawPage> uniqueKeys(List<RawPage> pages) {
        Set<String> taken = new HashSet<>();
        List<RawPage> unique = new ArrayList<>();
        for (RawPage page : pages) {
            String key = page.key();
            for (int n = 2; !taken.add(key); n++) {
                key = page.key() + "-" + n;
            }
            unique.add(key.equals(page.key()) ? page : page.withKey(key));
        }
        return unique;
    }
}
