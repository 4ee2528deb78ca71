package dev.clade.agents.proposer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Everything a proposer is given to make one child.
 *
 * @param campaign campaign name
 * @param node the id the child will get
 * @param goal the campaign goal in plain words
 * @param workDir export of the parent's commit, owned by this proposal; edit it in place
 * @param editable accepts the repository-relative paths (with {@code /}) that may be changed
 * @param pinned globs of the files the evaluator runs ({@code evaluator.files}): read-only, whatever else is editable
 * @param operator why the parent was chosen
 * @param maximize whether higher scores are better
 * @param parent the parent node
 * @param grandparent the parent's parent, when the parent is not the root
 * @param siblings the parent's other children evaluated so far, oldest first
 * @param inspirations other good nodes of the archive (best first), for recombination
 * @param seed seed for any randomness, so that proposing again after a crash proposes the same change
 * @param parentLog the end of the parent's evaluation logs (search stages only, never a holdout), for proposers that
 *     read them; may be empty
 * @param guidance recalled lessons, retrieved knowledge and lookups; {@link Guidance#none()} without memory
 */
public record ProposalRequest(
        String campaign,
        long node,
        String goal,
        Path workDir,
        Predicate<String> editable,
        List<String> pinned,
        Operator operator,
        boolean maximize,
        NodeSummary parent,
        Optional<NodeSummary> grandparent,
        List<NodeSummary> siblings,
        List<NodeSummary> inspirations,
        long seed,
        String parentLog,
        Guidance guidance) {

    public ProposalRequest {
        Objects.requireNonNull(guidance, "guidance");
        parentLog = parentLog == null ? "" : parentLog;
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(editable, "editable");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(grandparent, "grandparent");
        if (!Files.isDirectory(workDir)) {
            throw new IllegalArgumentException("work directory does not exist: " + workDir);
        }
        pinned = List.copyOf(pinned);
        siblings = List.copyOf(siblings);
        inspirations = List.copyOf(inspirations);
    }

    /** Whether score {@code a} is strictly better than {@code b} in this campaign's direction. */
    public boolean better(double a, double b) {
        return maximize ? a > b : a < b;
    }
}
