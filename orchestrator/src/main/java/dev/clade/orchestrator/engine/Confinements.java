package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.evaluation.Confinement;
import dev.clade.orchestrator.experiment.Checkout;
import dev.clade.orchestrator.experiment.ExperimentRepository;
import dev.clade.orchestrator.timing.Part;
import dev.clade.orchestrator.timing.Stopwatch;
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
        return new Confinement(
                hidden,
                strict,
                checkout -> Stopwatch.time(Part.PINNED, () -> repo.modifiedPaths(commit, checkout, editable.negate())));
    }

    /** As {@link #forCommit}, for stages that run in {@code checkout}, whose stats tell which files need reading. */
    Confinement forCheckout(ObjectId commit, Checkout checkout) {
        return new Confinement(
                hidden,
                strict,
                dir -> Stopwatch.time(
                        Part.PINNED,
                        () -> dir.equals(checkout.dir())
                                ? repo.modifiedPaths(commit, checkout, editable.negate())
                                : repo.modifiedPaths(commit, dir, editable.negate())));
    }
}
