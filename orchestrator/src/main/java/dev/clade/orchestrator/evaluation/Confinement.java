package dev.clade.orchestrator.evaluation;

import java.nio.file.Path;
import java.util.List;

/**
 * What an evaluation's stages must not see or change: folders hidden from them (the host's home, Clade's data
 * directory), whether missing isolation features are fatal, and the check that catches a stage rewriting the
 * evaluator's own files (pinned to the campaign's base commit: DGM's agents learned to game their own checks).
 */
public record Confinement(List<Path> hidden, boolean strict, PinnedFiles pinned) {

    /** Lists the pinned files a checkout no longer holds as committed. */
    @FunctionalInterface
    public interface PinnedFiles {
        List<String> modified(Path checkout);
    }

    public Confinement {
        hidden = List.copyOf(hidden);
    }

    /** Nothing hidden, best-effort isolation, no pinned files (tests of the cascade itself). */
    public static Confinement none() {
        return new Confinement(List.of(), false, checkout -> List.of());
    }
}
