package dev.clade.orchestrator.engine;

import dev.clade.agents.proposer.Proposal;
import dev.clade.agents.proposer.ProposalRequest;
import dev.clade.agents.proposer.Proposer;
import dev.clade.orchestrator.archive.ArchiveService;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.archive.NodeState;
import dev.clade.orchestrator.archive.ProposalContext;
import dev.clade.orchestrator.archive.Reservation;
import dev.clade.orchestrator.campaign.CampaignService;
import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.evaluation.EvaluationJob;
import dev.clade.orchestrator.evaluation.EvaluationResult;
import dev.clade.orchestrator.evaluation.StagedEvaluator;
import dev.clade.orchestrator.experiment.CommitMessage;
import dev.clade.orchestrator.experiment.CommitOutcome;
import dev.clade.orchestrator.experiment.ExperimentRepository;
import dev.clade.orchestrator.strategy.SearchStrategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.ObjectId;
import org.jboss.logging.Logger;

/**
 * One run of one campaign in this process: {@code parallelism} workers that each continue an unfinished node or
 * reserve a new one, propose it, commit it on its branch and evaluate it, until the budget is spent (DESIGN.md, "The
 * loop"). All state lives in PostgreSQL and git, so a run killed at any point continues where it stopped.
 */
final class CampaignSession {

    private static final Logger LOG = Logger.getLogger(CampaignSession.class);

    private final long campaignId;
    private final CampaignSpec spec;
    private final ExperimentRepository repo;
    private final Predicate<String> editable;
    private final Proposer proposer;
    private final SearchStrategy strategy;
    private final StagedEvaluator evaluator;
    private final ArchiveService archive;
    private final CampaignService campaigns;
    private final Workspace workspace;
    private final ProgressListener listener;
    private final Duration waitPoll;

    private final ConcurrentLinkedQueue<NodeInfo> unfinished = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progress = lock.newCondition();
    private final AtomicReference<String> stopReason = new AtomicReference<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final long startNanos = System.nanoTime();
    private final long activeBefore;
    private long flushedNanos = startNanos;
    private long reported;

    CampaignSession(
            long campaignId,
            long activeMillisBefore,
            CampaignSpec spec,
            ExperimentRepository repo,
            Predicate<String> editable,
            Proposer proposer,
            SearchStrategy strategy,
            StagedEvaluator evaluator,
            ArchiveService archive,
            CampaignService campaigns,
            Workspace workspace,
            ProgressListener listener,
            Duration waitPoll) {
        this.campaignId = campaignId;
        this.activeBefore = activeMillisBefore;
        this.spec = spec;
        this.repo = repo;
        this.editable = editable;
        this.proposer = proposer;
        this.strategy = strategy;
        this.evaluator = evaluator;
        this.archive = archive;
        this.campaigns = campaigns;
        this.workspace = workspace;
        this.listener = listener;
        this.waitPoll = waitPoll;
    }

    /** Runs until the budget is spent; returns why it stopped. Rethrows the first infrastructure failure. */
    String run() {
        List<NodeInfo> resumed = archive.unfinished(campaignId);
        if (resumed.stream().anyMatch(n -> n.number() > 0)) {
            listener.note("resuming " + resumed.size() + " unfinished node(s): "
                    + resumed.stream()
                            .map(n -> n.number() + " (" + n.state().name().toLowerCase() + ")")
                            .toList());
        }
        unfinished.addAll(resumed);
        reported = archive.all(campaignId).stream()
                .filter(n -> n.number() > 0 && n.state().finished())
                .count();
        ExecutorService workers = Executors.newFixedThreadPool(spec.parallelism(), r -> {
            Thread t = new Thread(r, "clade-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < spec.parallelism(); i++) {
                futures.add(workers.submit(this::work));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            workers.shutdownNow();
            flushActiveTime();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return stopReason.get();
    }

    private void work() {
        while (stopReason.get() == null) {
            NodeInfo node = unfinished.poll();
            if (node == null) {
                Optional<NodeInfo> reserved = reserve();
                if (reserved.isEmpty()) {
                    continue;
                }
                node = reserved.get();
            }
            try {
                process(node);
            } catch (RuntimeException e) {
                LOG.errorf(e, "node %d of campaign %s: infrastructure failure", node.number(), spec.name());
                failure.compareAndSet(null, e);
                stop("infrastructure failure on node " + node.number() + ": " + e.getMessage());
            } finally {
                signal();
            }
        }
    }

    /** A new node, or empty after waiting (work in flight) or when the run should stop. */
    private Optional<NodeInfo> reserve() {
        Optional<Duration> wallClock = spec.budget().wallClock();
        if (wallClock.isPresent() && activeMillis() >= wallClock.get().toMillis()) {
            stop("wall-clock budget of " + wallClock.get() + " spent");
            return Optional.empty();
        }
        Reservation r = archive.reserve(
                campaignId,
                spec.budget().experiments(),
                spec.evaluator().direction(),
                view -> strategy.next(
                        view, new Random(mix(spec.seed(), view.nodes().size()))));
        return switch (r) {
            case Reservation.Reserved reserved -> Optional.of(reserved.node());
            case Reservation.Done done -> {
                // Nodes in flight on other workers still finish: they check for a stop only between nodes.
                stop(done.reason());
                yield Optional.empty();
            }
            case Reservation.Wait w -> {
                awaitProgress();
                yield Optional.empty();
            }
        };
    }

    private void process(NodeInfo node) {
        NodeInfo current = node;
        if (current.state() == NodeState.PROPOSING) {
            current = propose(current);
        }
        if (current.state() == NodeState.COMMITTED || current.state() == NodeState.EVALUATING) {
            current = evaluate(current);
        }
        flushActiveTime();
        report(current);
    }

    /** One report at a time; each finished experiment advances the count by one, in the order reported. */
    private synchronized void report(NodeInfo node) {
        List<NodeInfo> all = archive.all(campaignId);
        Optional<NodeInfo> best = Reports.best(all, spec.evaluator().direction());
        long finished = node.number() > 0 ? ++reported : reported;
        listener.nodeFinished(node, best, finished, spec.budget().experiments());
    }

    private NodeInfo propose(NodeInfo node) {
        long parentNumber = node.parent().orElseThrow();
        ProposalContext context = archive.context(
                campaignId, parentNumber, node.number(), spec.evaluator().direction());
        ObjectId parentCommit = ObjectId.fromString(context.parent().commitId().orElseThrow());
        Path dir = workspace.proposalDir(spec.name(), node.number());
        try {
            repo.export(parentCommit, dir);
            ProposalRequest request = new ProposalRequest(
                    spec.name(),
                    node.number(),
                    spec.goal(),
                    dir,
                    editable,
                    node.operator(),
                    spec.evaluator().direction() == CampaignSpec.Direction.MAXIMIZE,
                    context.parent().summary(),
                    context.grandparent(),
                    context.siblings(),
                    context.inspirations(),
                    mix(spec.seed() ^ 0x5DEECE66DL, node.number()));
            Proposal proposal = proposer.propose(request);
            switch (proposal) {
                case Proposal.Declined d -> archive.markInvalid(node.id(), "proposer declined: " + d.reason());
                case Proposal.Edited e -> commit(node, parentCommit, dir, e);
            }
        } finally {
            workspace.discard(dir);
        }
        return archive.node(campaignId, node.number());
    }

    private void commit(NodeInfo node, ObjectId parentCommit, Path dir, Proposal.Edited edited) {
        String branch = Branches.of(spec.name(), node.number());
        CommitMessage message = new CommitMessage(
                edited.idea(), spec.name(), node.number(), node.parent().orElseThrow(), OptionalDouble.empty());
        CommitOutcome outcome = repo.commitChild(parentCommit, dir, editable, branch, message);
        switch (outcome) {
            case CommitOutcome.Committed c ->
                archive.markCommitted(node.id(), branch, c.commit().name(), edited.idea(), edited.meta());
            case CommitOutcome.NoChange n ->
                archive.markInvalid(
                        node.id(),
                        "the proposal changed no editable file"
                                + (n.ignoredPaths().isEmpty()
                                        ? ""
                                        : "; changes outside target.editable were ignored: " + n.ignoredPaths()));
        }
    }

    private NodeInfo evaluate(NodeInfo node) {
        int attempt = archive.startEvaluation(node.id());
        ObjectId commit = ObjectId.fromString(node.commitId().orElseThrow());
        Path dir = workspace.evaluationDir(spec.name(), node.number(), attempt);
        EvaluationResult result;
        try {
            Path checkout = dir.resolve("src");
            repo.export(commit, checkout);
            EvaluationJob job = new EvaluationJob(
                    spec.name(),
                    node.number(),
                    attempt,
                    checkout,
                    dir,
                    workspace.logDir(spec.name(), node.number()),
                    spec.evaluator().searchStages(),
                    spec.evaluator().direction(),
                    spec.evaluator().outputLimitBytes(),
                    spec.evaluator().env());
            result = evaluator.evaluate(job, run -> archive.recordStage(node.id(), attempt, run, false));
        } finally {
            workspace.discard(dir);
        }
        NodeInfo done = archive.finishEvaluation(node.id(), result);
        if (result instanceof EvaluationResult.Scored s && node.branch().isPresent()) {
            ObjectId scored = repo.recordScore(commit, node.branch().get(), s.score());
            archive.recommitted(node.id(), scored.name());
        }
        return done;
    }

    private long activeMillis() {
        return activeBefore + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private synchronized void flushActiveTime() {
        long now = System.nanoTime();
        long millis = TimeUnit.NANOSECONDS.toMillis(now - flushedNanos);
        if (millis > 0) {
            campaigns.addActiveTime(campaignId, millis);
            flushedNanos += TimeUnit.MILLISECONDS.toNanos(millis);
        }
    }

    private void stop(String reason) {
        stopReason.compareAndSet(null, reason);
        signal();
    }

    private void signal() {
        lock.lock();
        try {
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void awaitProgress() {
        lock.lock();
        try {
            progress.await(waitPoll.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop("interrupted");
        } finally {
            lock.unlock();
        }
    }

    /** SplitMix64 of a seed and a counter: independent, reproducible streams per node. */
    static long mix(long seed, long n) {
        long z = seed + 0x9E3779B97F4A7C15L * (n + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
