package dev.clade.knowledge.ingest;

import dev.clade.knowledge.page.PageDraft;
import java.util.List;
import java.util.Optional;

/**
 * What one ingestion produced.
 *
 * @param pages the page drafts, in a deterministic order (files sorted by relative path, pages in
 *     document order); keys are unique
 * @param skipped the files (or folders) that could not be ingested and why, sorted by path; files of
 *     unknown type are not listed: they are ignored on purpose
 */
public record IngestResult(List<PageDraft> pages, List<Skipped> skipped) {

    public IngestResult {
        pages = List.copyOf(pages);
        skipped = List.copyOf(skipped);
    }

    /** The page with this key, if the ingestion produced one. */
    public Optional<PageDraft> page(String key) {
        return pages.stream().filter(page -> page.key().equals(key)).findFirst();
    }

    /**
     * A file or folder left out of an ingestion.
     *
     * @param path the path relative to the ingested source (the file name for a single-file source)
     * @param reason what is wrong, e.g. {@code not a readable PDF: End-of-File, expected line} or
     *     {@code cannot read: permission denied}
     */
    public record Skipped(String path, String reason) {

        public Skipped {
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("path must not be blank");
            }
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("reason must not be blank");
            }
        }

        /** {@code path: reason}, for logs and messages. */
        public String describe() {
            return path + ": " + reason;
        }
    }
}
