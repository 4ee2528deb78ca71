package dev.clade.orchestrator.engine;

import dev.clade.agents.proposer.Guidance;
import dev.clade.agents.proposer.NodeSummary;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    private final Optional<NoveltyGate> novelty;

    /** The meta key of a node's count of near-copies proposed before it (not evaluated). */
    static final String NEAR_COPIES = "nearCopies";

    Expansion(
            RunContext run,
            Proposer proposer,
            Predicate<String> editable,
            GuidanceService guidance,
            Optional<NoveltyGate> novelty) {
        this.run = run;
        this.proposer = proposer;
        this.editable = editable;
        this.guidance = guidance;
        this.novelty = novelty;
    }

    /**
     * Proposes and commits the node (state PROPOSING); returns it committed (evaluating on its first task, when the
     * strategy evaluates every new node at once) or invalid. With {@code proposer.novelty},
     * a commit that is a near-copy of a node it is compared with is proposed again from the parent (the same branch
     * moves), the nearest node named first among the attempts the proposer sees, at most {@code retries} times.
     */
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
            String parentLog = parentLog(parentNumber);
            List<NodeSummary> inspirations = spec.strategy() instanceof StrategySpec.Islands islands
                    ? IslandInspirations.of(run, islands, node, context.parent())
                    : context.inspirations();
            Guidance guidance = this.guidance.forProposal(
                    spec, node.number(), context.parent().summary(), parentLog);
            List<NodeSummary> rejected = new ArrayList<>();
            // A run killed while retrying continues the count (and so draws a new try, not the rejected one again).
            int before = Integer.parseInt(node.meta().getOrDefault(NEAR_COPIES, "0"));
            for (int attempt = before; ; attempt++) {
                run.workspace().checkOut(run.repo(), parentCommit, reused, dir);
                List<NodeSummary> siblings = new ArrayList<>(rejected);
                siblings.addAll(context.siblings());
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
                        siblings,
                        inspirations,
                        Seeds.mix(spec.seed() ^ 0x5DEECE66DL, node.number() + 1_000_003L * attempt),
                        parentLog,
                        guidance);
                Proposal proposal = Stopwatch.time(Part.PROPOSE, () -> proposer.propose(request));
                if (proposal instanceof Proposal.Declined d) {
                    invalid(node, attempt, "proposer declined: " + d.reason());
                    break;
                }
                Optional<NodeSummary> nearCopy =
                        commit(node, parentCommit, dir, reused, (Proposal.Edited) proposal, attempt);
                if (nearCopy.isEmpty()) {
                    break;
                }
                rejected.addFirst(nearCopy.get());
                run.archive().nearCopyRejected(node.id(), NEAR_COPIES, attempt + 1);
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
        return Map.of(StrategySpec.Feature.LINES, (double) run.repo().changedLines(root(), commit));
    }

    /**
     * Commits the proposal on the node's branch and records it; or, when the novelty gate rejects it and retries
     * remain, records nothing and returns the nearest node, as the next try is to be told.
     */
    private Optional<NodeSummary> commit(
            NodeInfo node,
            ObjectId parentCommit,
            Path dir,
            Optional<Checkout> reused,
            Proposal.Edited edited,
            int attempt) {
        String branch = Branches.of(run.name(), node.number());
        CommitMessage message = new CommitMessage(
                edited.idea(), run.name(), node.number(), node.parent().orElseThrow(), OptionalDouble.empty());
        CommitOutcome outcome = Stopwatch.time(
                Part.COMMIT,
                () -> reused.isPresent()
                        ? run.repo().commitChild(parentCommit, reused.get(), editable, branch, message)
                        : run.repo().commitChild(parentCommit, dir, editable, branch, message));
        switch (outcome) {
            case CommitOutcome.Committed c -> {
                Map<String, String> meta = new HashMap<>(edited.meta());
                Map<String, Double> traits = new HashMap<>(traits(c.commit()));
                float[] embedding = null;
                if (novelty.isPresent()) {
                    NoveltyGate gate = novelty.get();
                    boolean lastTry = attempt >= gate.retries();
                    NoveltyGate.Verdict verdict = gate.judge(node, root(), c.commit(), lastTry);
                    if (gate.rejects(verdict) && !lastTry) {
                        return Optional.of(gate.rejected(node, verdict, attempt));
                    }
                    embedding = verdict.vector();
                    traits.putAll(gate.traits(verdict));
                    if (attempt > 0) {
                        meta.put(NEAR_COPIES, Integer.toString(attempt));
                    }
                }
                Optional<String> evaluateOn = // evaluated at once: its evaluation starts with the commit
                        run.plan().evaluatesOnExpand()
                                ? Optional.of(run.plan().tasks().getFirst())
                                : Optional.empty();
                run.archive()
                        .markCommitted(
                                node.id(),
                                branch,
                                c.commit().name(),
                                edited.idea(),
                                meta,
                                traits,
                                embedding,
                                evaluateOn);
            }
            case CommitOutcome.NoChange n ->
                invalid(
                        node,
                        attempt,
                        "the proposal changed no editable file"
                                + (n.ignoredPaths().isEmpty()
                                        ? ""
                                        : "; changes outside target.editable were ignored: " + n.ignoredPaths()));
            case CommitOutcome.Refused r -> invalid(node, attempt, "the proposal was refused: " + r.reason());
        }
        return Optional.empty();
    }

    /** Marks the node invalid; after a rejected near-copy, its branch (left at that copy) goes too. */
    private void invalid(NodeInfo node, int attempt, String reason) {
        if (attempt > 0) {
            run.repo().deleteBranch(Branches.of(run.name(), node.number()));
        }
        run.archive().markInvalid(node.id(), reason);
    }

    private ObjectId root() {
        return ObjectId.fromString(run.node(0).commitId().orElseThrow());
    }
}
