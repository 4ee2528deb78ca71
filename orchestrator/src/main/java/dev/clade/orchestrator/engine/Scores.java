package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.archive.ArchiveService;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.experiment.CommitMessage;
import dev.clade.orchestrator.experiment.ExperimentRepository;
import dev.clade.orchestrator.strategy.NodeState;
import org.eclipse.jgit.lib.ObjectId;

/** Keeps the {@code Clade-Score} trailer of a node's commit equal to its score in the archive. */
final class Scores {

    private Scores() {}

    /** Rewrites the node's commit message (same tree, same parent) when its trailer does not carry its score. */
    static void record(NodeInfo node, ExperimentRepository repo, ArchiveService archive) {
        if (node.state() != NodeState.SCORED || node.branch().isEmpty()) {
            return;
        }
        ObjectId current = ObjectId.fromString(node.commitId().orElseThrow());
        String score = Double.toString(node.score().getAsDouble());
        if (score.equals(CommitMessage.trailers(repo.message(current)).get(CommitMessage.SCORE))) {
            return;
        }
        ObjectId scored =
                repo.recordScore(current, node.branch().get(), node.score().getAsDouble());
        archive.recommitted(node.id(), scored.name());
    }
}
