package dev.clade.orchestrator.experiment;

/**
 * How much of a plain folder an import takes at most ({@code clade.import.*}): an import that would pass either is
 * refused, naming the folder and the limit, before anything is stored.
 */
public record ImportLimits(int maxFiles, long maxBytes) {

    /** 100,000 files and 1 GiB. */
    public static final ImportLimits DEFAULT = new ImportLimits(100_000, 1L << 30);

    public ImportLimits {
        if (maxFiles < 1 || maxBytes < 1) {
            throw new IllegalArgumentException(
                    "import limits must be positive: " + maxFiles + " files, " + maxBytes + " bytes");
        }
    }
}
