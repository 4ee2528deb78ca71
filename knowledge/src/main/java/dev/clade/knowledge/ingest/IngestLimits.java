package dev.clade.knowledge.ingest;

/**
 * Size limits of an ingestion.
 *
 * @param maxFileBytes files larger than this are skipped ("too large")
 * @param maxPageChars a non-code page body longer than this is split into numbered parts; PDF pages
 *     are grouped up to this size
 * @param maxCodeChars a code file longer than this is split into numbered parts
 */
public record IngestLimits(long maxFileBytes, int maxPageChars, int maxCodeChars) {

    /** 5 MB files, 4000-character pages, 8000-character code pages. */
    public static final IngestLimits DEFAULTS = new IngestLimits(5L * 1024 * 1024, 4000, 8000);

    public IngestLimits {
        if (maxFileBytes <= 0 || maxPageChars < 100 || maxCodeChars < 100) {
            throw new IllegalArgumentException("limits must be positive and pages at least 100 characters, got "
                    + maxFileBytes + " bytes, " + maxPageChars + " and " + maxCodeChars + " characters");
        }
    }

    /** The limit that applies to a page body of this format. */
    int maxChars(String format) {
        return "code".equals(format) ? maxCodeChars : maxPageChars;
    }
}
