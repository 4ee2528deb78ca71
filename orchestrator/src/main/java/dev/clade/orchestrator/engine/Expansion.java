package dev.clade.orchestrator.engine;

import dev.clade.agents.proposer.Proposal;
import dev.clade.agents.proposer.ProposalRequest;
import dev.clade.agents.proposer.Proposer;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.archive.ProposalContext;
import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.campaign.ProposerSpec;
import dev.clade.orchestrator.experiment.Checkout;
import dev.clade.orchestrator.experiment.CommitMessage;
import dev.clade.orchestrator.experiment.CommitOutcome;
import dev.clade.orchestrator.guidance.GuidanceService;
import dev.clade.orchestrator.strategy.Direction;
import dev.clade.orchestrator.strategy.StrategySpec;
import dev.clade.orchestrator.timing.Part;
import dev.clade.orchestrator.timing.Stopwatch;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The expansion of a reserved node: its parent is exported to a fresh folder, the proposer changes it (with the
 * parent's recent logs, its relatives and the lessons and knowledge guidance recalls), and the change is committed on
 * the node's own branch — or the node is invalid when the proposer declined, changed no editable file, or left a
 * symbolic link out of the checkout.
 */
final class Expansion {

    private static final int PARENT_LOG_CHARS = 6_000;
    private static final int SELF_LOG_CHARS = 24_000;

    private final RunContext run;
    private final Proposer proposer;
    private final Predicate<String> editable;
    private final GuidanceService guidance;

    Expansion(RunContext run, Proposer proposer, Predicate<String> editable, GuidanceService guidance) {
        this.run = run;
        this.proposer = proposer;
        this.editable = editable;
        this.guidance = guidance;
    }

    /** Proposes and commits the node (state PROPOSING); returns it committed or invalid. */
    NodeInfo propose(NodeInfo node) {
        CampaignSpec spec = run.spec();
        long parentNumber = node.parent().orElseThrow();
        ProposalContext context = run.archive()
                .context(
                        run.campaignId(),
                        parentNumber,
                        node.number(),
                        spec.evaluator().direction());
        ObjectId parentCommit = ObjectId.fromString(context.parent().commitId().orElseThrow());
        Optional<Checkout> reused = run.workspace().workerCheckout(spec.name());
        Path dir = reused.map(Checkout::dir).orElseGet(() -> run.workspace().proposalDir(spec.name(), node.number()));
        try {
            run.workspace().checkOut(run.repo(), parentCommit, reused, dir);
            String parentLog = parentLog(parentNumber);
            ProposalRequest request = new ProposalRequest(
                    spec.name(),
                    node.number(),
                    spec.goal(),
                    dir,
                    editable,
                    spec.evaluator().files(),
                    node.operator(),
                    spec.evaluator().direction() == Direction.MAXIMIZE,
                    context.parent().summary(),
                    context.grandparent(),
                    context.siblings(),
                    spec.strategy() instanceof StrategySpec.Islands islands
                            ? IslandInspirations.of(run, islands, node, context.parent())
                            : context.inspirations(),
                    Seeds.mix(spec.seed() ^ 0x5DEECE66DL, node.number()),
                    parentLog,
                    guidance.forProposal(spec, node.number(), context.parent().summary(), parentLog));
            switch (Stopwatch.time(Part.PROPOSE, () -> proposer.propose(request))) {
                case Proposal.Declined d -> run.archive().markInvalid(node.id(), "proposer declined: " + d.reason());
                case Proposal.Edited e -> commit(node, parentCommit, dir, reused, e);
            }
        } finally {
            if (reused.isEmpty()) {
                run.workspace().discard(dir);
            }
        }
        NodeInfo proposed = run.node(node.number());
        run.listener().nodeProposed(proposed);
        return proposed;
    }

    /** A self-improving agent reads more of its parent's logs: its own transcripts on every task. */
    private String parentLog(long parentNumber) {
        return run.spec().proposer() instanceof ProposerSpec.Self
                ? run.workspace()
                        .recentLog(
                                run.name(),
                                parentNumber,
                                SELF_LOG_CHARS,
                                3 * run.plan().tasks().size())
                : run.workspace().recentLog(run.name(), parentNumber, PARENT_LOG_CHARS, 4);
    }

    /**
     * The built-in traits a strategy places nodes by, measured at commit: {@code lines} for islands whose grid names it
     * (the cost of comparing with the root is paid only then).
     */
    private Map<String, Double> traits(ObjectId commit) {
        boolean lines = run.spec().strategy() instanceof StrategySpec.Islands islands
                && islands.features().stream().anyMatch(f -> f.name().equals(StrategySpec.Feature.LINES));
        if (!lines) {
            return Map.of();
        }
        ObjectId root = ObjectId.fromString(run.node(0).commitId().orElseThrow());
        return Map.of(StrategySpec.Feature.LINES, (double) run.repo().changedLines(root, commit));
    }

    private void commit(
            NodeInfo node, ObjectId parentCommit, Path dir, Optional<Checkout> reused, Proposal.Edited edited) {
        String branch = Branches.of(run.name(), node.number());
        CommitMessage message = new CommitMessage(
                edited.idea(), run.name(), node.number(), node.parent().orElseThrow(), OptionalDouble.empty());
        CommitOutcome outcome = Stopwatch.time(
                Part.COMMIT,
                () -> reused.isPresent()
                        ? run.repo().commitChild(parentCommit, reused.get(), editable, branch, message)
                        : run.repo().commitChild(parentCommit, dir, editable, branch, message));
        switch (outcome) {
            case CommitOutcome.Committed c ->
                run.archive()
                        .markCommitted(
                                node.id(), branch, c.commit().name(), edited.idea(), edited.meta(), traits(c.commit()));
            case CommitOutcome.NoChange n ->
                run.archive()
                        .markInvalid(
                                node.id(),
                                "the proposal changed no editable file"
                                        + (n.ignoredPaths().isEmpty()
                                                ? ""
                                                : "; changes outside target.editable were ignored: "
                                                        + n.ignoredPaths()));
            case CommitOutcome.Refused r ->
                run.archive().markInvalid(node.id(), "the proposal was refused: " + r.reason());
        }
    }
}
