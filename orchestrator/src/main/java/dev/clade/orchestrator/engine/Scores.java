package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.archive.ArchiveService;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.experiment.CommitMessage;
import dev.clade.orchestrator.experiment.ExperimentRepository;
import dev.clade.orchestrator.strategy.NodeState;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/** Keeps the {@code Clade-Score} trailer of a node's commit equal to its score in the archive. */
final class Scores {

    private Scores() {}

    /** Rewrites the node's commit message (same tree, same parent) when its trailer does not carry its score. */
    static void record(NodeInfo node, ExperimentRepository repo, ArchiveService archive) {
        rewrite(node, repo).ifPresent(scored -> archive.recommitted(Map.of(node.id(), scored.name())));
    }

    /**
     * The commit whose trailer carries the node's score, written now and its branch moved to it, when the node is scored
     * and its commit does not carry its score yet; empty otherwise. The archive still points at the old commit.
     */
    static Optional<ObjectId> rewrite(NodeInfo node, ExperimentRepository repo) {
        if (node.state() != NodeState.SCORED || node.branch().isEmpty()) {
            return Optional.empty();
        }
        ObjectId current = ObjectId.fromString(node.commitId().orElseThrow());
        String score = Double.toString(node.score().getAsDouble());
        if (score.equals(CommitMessage.trailers(repo.message(current)).get(CommitMessage.SCORE))) {
            return Optional.empty();
        }
        return Optional.of(
                repo.recordScore(current, node.branch().get(), node.score().getAsDouble()));
    }
}
