package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.evaluation.Confinement;
import dev.clade.orchestrator.experiment.ExperimentRepository;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Builds the confinement of a campaign's evaluations: the host's home and Clade's data directory hidden, strict or
 * best-effort isolation, and every file outside {@code target.editable} pinned to the commit under evaluation — which,
 * since proposals can only change editable files, is the campaign's base commit for those files.
 */
record Confinements(ExperimentRepository repo, Predicate<String> editable, List<Path> hidden, boolean strict) {

    Confinements {
        hidden = List.copyOf(hidden);
    }

    Confinement forCommit(ObjectId commit) {
        return new Confinement(hidden, strict, checkout -> repo.modifiedPaths(commit, checkout, editable.negate()));
    }
}
