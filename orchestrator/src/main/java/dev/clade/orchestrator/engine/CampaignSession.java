package dev.clade.orchestrator.engine;

import dev.clade.agents.distill.ModelDistiller;
import dev.clade.agents.llm.CostLedger;
import dev.clade.agents.proposer.Proposal;
import dev.clade.agents.proposer.ProposalRequest;
import dev.clade.agents.proposer.Proposer;
import dev.clade.memory.distill.Trace;
import dev.clade.orchestrator.archive.ArchiveService;
import dev.clade.orchestrator.archive.CampaignPlan;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.archive.NodeState;
import dev.clade.orchestrator.archive.ProposalContext;
import dev.clade.orchestrator.archive.Reservation;
import dev.clade.orchestrator.campaign.CampaignService;
import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.evaluation.Confinement;
import dev.clade.orchestrator.evaluation.EvaluationJob;
import dev.clade.orchestrator.evaluation.EvaluationResult;
import dev.clade.orchestrator.evaluation.StagedEvaluator;
import dev.clade.orchestrator.experiment.CommitMessage;
import dev.clade.orchestrator.experiment.CommitOutcome;
import dev.clade.orchestrator.experiment.ExperimentRepository;
import dev.clade.orchestrator.guidance.GuidanceService;
import dev.clade.orchestrator.strategy.SearchStrategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
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
 * One run of one campaign in this process: {@code parallelism} workers that each continue unfinished work or reserve
 * new work — a node to propose, commit on its branch and (for greedy and dgm) evaluate on every task, or the
 * evaluation of a node on one task (hgm) — until the budget is spent (DESIGN.md, "The loop"). All state lives in
 * PostgreSQL and git, so a run killed at any point continues where it stopped.
 */
final class CampaignSession {

    private static final Logger LOG = Logger.getLogger(CampaignSession.class);
    private static final int PARENT_LOG_CHARS = 6_000;
    private static final int SELF_LOG_CHARS = 24_000;

    /** What a session needs besides the campaign: collaborators that do not change during a run. */
    record Tools(
            ExperimentRepository repo,
            Predicate<String> editable,
            Proposer proposer,
            CostLedger ledger,
            SearchStrategy strategy,
            StagedEvaluator evaluator,
            ArchiveService archive,
            CampaignService campaigns,
            Workspace workspace,
            ProgressListener listener,
            Duration waitPoll,
            Confinements confinement,
            Optional<AgentBenchmark> benchmark,
            GuidanceService guidance,
            Optional<ModelDistiller> distiller) {}

    private final long campaignId;
    private final CampaignSpec spec;
    private final CampaignPlan plan;
    private final Tools t;

    private final ConcurrentLinkedQueue<Reservation> pending = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progress = lock.newCondition();
    private final AtomicReference<String> stopReason = new AtomicReference<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final long startNanos = System.nanoTime();
    private final long activeBefore;
    private long flushedNanos = startNanos;
    private long reportedNodes;
    private long reportedTasks;

    CampaignSession(long campaignId, long activeMillisBefore, CampaignSpec spec, Tools tools) {
        this.campaignId = campaignId;
        this.activeBefore = activeMillisBefore;
        this.spec = spec;
        this.t = tools;
        this.plan = CampaignPlan.of(spec, tools.strategy());
    }

    /** Runs until the budget is spent; returns why it stopped. Rethrows the first infrastructure failure. */
    String run() {
        resume();
        ExecutorService workers = Executors.newFixedThreadPool(spec.parallelism(), r -> {
            Thread thread = new Thread(r, "clade-worker");
            thread.setDaemon(true);
            return thread;
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
        } catch (ExecutionException e) {
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

    private void resume() {
        List<NodeInfo> nodes = t.archive().unfinished(campaignId, plan.evaluatesOnExpand());
        List<Reservation.EvaluationReserved> tasks =
                plan.evaluatesOnExpand() ? List.of() : t.archive().runningTasks(campaignId);
        if (nodes.stream().anyMatch(n -> n.number() > 0) || !tasks.isEmpty()) {
            t.listener()
                    .note("resuming " + nodes.size() + " unfinished node(s) "
                            + nodes.stream()
                                    .map(n ->
                                            n.number() + " (" + n.state().name().toLowerCase() + ")")
                                    .toList()
                            + (tasks.isEmpty() ? "" : " and " + tasks.size() + " task evaluation(s)"));
        }
        nodes.forEach(n -> pending.add(new Reservation.Reserved(n)));
        pending.addAll(tasks);
        List<NodeInfo> all = t.archive().all(campaignId);
        reportedNodes = all.stream()
                        .filter(n -> n.number() > 0 && n.state() != NodeState.PROPOSING)
                        .count()
                - nodes.stream()
                        .filter(n -> n.number() > 0 && n.state() != NodeState.PROPOSING)
                        .count();
        reportedTasks = all.stream().mapToLong(NodeInfo::evaluations).sum();
    }

    private void work() {
        while (stopReason.get() == null) {
            Reservation item = pending.poll();
            if (item == null) {
                item = reserve().orElse(null);
                if (item == null) {
                    continue;
                }
            }
            try {
                switch (item) {
                    case Reservation.Reserved r -> processNode(r.node());
                    case Reservation.EvaluationReserved e -> processTask(e.node(), e.task());
                    case Reservation.Wait w -> throw new IllegalStateException("a wait is not work");
                    case Reservation.Done d -> throw new IllegalStateException("done is not work");
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "campaign %s: infrastructure failure", spec.name());
                failure.compareAndSet(null, e);
                stop("infrastructure failure: " + e.getMessage());
            } finally {
                flushActiveTime();
                signal();
            }
        }
    }

    /** New work, or empty after waiting (work in flight) or when the run should stop. */
    private Optional<Reservation> reserve() {
        Optional<Duration> wallClock = spec.budget().wallClock();
        if (wallClock.isPresent() && activeMillis() >= wallClock.get().toMillis()) {
            stop("wall-clock budget of " + wallClock.get() + " spent");
            return Optional.empty();
        }
        OptionalDouble dollars = t.ledger().remainingUsd(spec.name());
        if (dollars.isPresent() && dollars.getAsDouble() <= 0) {
            stop(String.format(
                    java.util.Locale.ROOT,
                    "dollar budget of $%.2f spent",
                    spec.budget().costUsd().orElse(0)));
            return Optional.empty();
        }
        Reservation r = t.archive()
                .reserve(
                        campaignId,
                        plan,
                        view -> t.strategy()
                                .next(
                                        view,
                                        new Random(mix(
                                                spec.seed(),
                                                view.nodes().size() * 1_000_003L
                                                        + view.budget().evaluationsUsed()))));
        return switch (r) {
            case Reservation.Reserved reserved -> Optional.of(reserved);
            case Reservation.EvaluationReserved reserved -> Optional.of(reserved);
            case Reservation.Done done -> {
                // Work in flight on other workers still finishes: they check for a stop only between items.
                stop(done.reason());
                yield Optional.empty();
            }
            case Reservation.Wait w -> {
                awaitProgress();
                yield Optional.empty();
            }
        };
    }

    private void processNode(NodeInfo node) {
        NodeInfo current = node;
        if (current.state() == NodeState.PROPOSING) {
            current = propose(current);
        }
        boolean evaluated = false;
        if (plan.evaluatesOnExpand()
                && (current.state() == NodeState.COMMITTED || current.state() == NodeState.EVALUATING)) {
            current = evaluateAll(current);
            evaluated = true;
        }
        // Report first: the time between the node's final state and its line should be as short as possible, since a
        // kill in between loses the line (never the node). The score trailer can follow; the run's end rewrites any
        // that a kill skipped.
        reportNode(current);
        if (evaluated) {
            recordScore(current);
            learn(current);
        }
    }

    /** Distils the lessons of an evaluated node; a failure here is logged, never the campaign's. */
    private void learn(NodeInfo node) {
        if (node.parent().isEmpty()) {
            return;
        }
        try {
            NodeInfo parent = t.archive().node(campaignId, node.parent().get());
            Trace trace = LessonTraces.of(
                    spec.name(),
                    node,
                    parent,
                    firstBroken(node, parent),
                    t.archive().evaluations(node.id()),
                    spec.evaluator().direction());
            t.guidance()
                    .learn(
                            spec,
                            trace,
                            LessonTraces.values(node.meta()),
                            t.distiller(),
                            t.distiller().isPresent() ? diff(node, parent) : "",
                            node.feedback());
        } catch (RuntimeException e) {
            LOG.warnf(e, "campaign %s: could not learn from node %d", spec.name(), node.number());
        }
    }

    /**
     * The first broken node on the path from {@code node}'s nearest working ancestor down to it: what that node started
     * from are the last values that worked. {@code node} itself when its parent is not broken.
     */
    private NodeInfo firstBroken(NodeInfo node, NodeInfo parent) {
        NodeInfo first = node;
        NodeInfo above = parent;
        while (above.state().broken()
                && above.parent().isPresent()
                && !above.meta().isEmpty()) {
            first = above;
            above = t.archive().node(campaignId, above.parent().get());
        }
        return first;
    }

    /**
     * Distils the lessons of one task evaluation (strategies that evaluate task by task): a failure on the task, or the
     * score against the parent's on the same task. The model distiller is not asked per task (it would be one call per
     * node and task), and a task that scored does not weaken bounds (the node may have broken on another task with
     * the same values).
     */
    private void learnTask(NodeInfo node, String task, EvaluationResult result) {
        if (node.parent().isEmpty()) {
            return;
        }
        try {
            NodeInfo parent = t.archive().node(campaignId, node.parent().get());
            LessonTraces.ofTask(
                            spec.name(),
                            node,
                            firstBroken(node, parent),
                            result,
                            t.archive().taskScore(parent.id(), task),
                            spec.evaluator().direction())
                    .ifPresent(trace -> t.guidance().learn(spec, trace, Map.of(), Optional.empty(), "", ""));
        } catch (RuntimeException e) {
            LOG.warnf(e, "campaign %s: could not learn from node %d on task %s", spec.name(), node.number(), task);
        }
    }

    /** The node's diff against its parent, for the model distiller; empty when either has no commit. */
    private String diff(NodeInfo node, NodeInfo parent) {
        if (node.commitId().isEmpty() || parent.commitId().isEmpty()) {
            return "";
        }
        return t.repo()
                .diff(
                        ObjectId.fromString(parent.commitId().get()),
                        ObjectId.fromString(node.commitId().get()));
    }

    private void processTask(NodeInfo node, String task) {
        Optional<Integer> attempt = t.archive().startTask(node.id(), task);
        if (attempt.isEmpty()) {
            return;
        }
        t.listener().evaluationStarted(node, Optional.of(task));
        EvaluationResult result = runTask(node, task, attempt.get());
        // The score trailer of a node evaluated task by task is written once, when the campaign ends (see
        // CampaignRunner): its mean changes with every task, and concurrent tasks of one node would race on its branch.
        NodeInfo judged = t.archive().finishTask(node.id(), task, result, plan, true);
        reportTask(judged, task, result);
        learnTask(judged, task, result);
    }

    private NodeInfo propose(NodeInfo node) {
        long parentNumber = node.parent().orElseThrow();
        ProposalContext context = t.archive()
                .context(
                        campaignId,
                        parentNumber,
                        node.number(),
                        spec.evaluator().direction());
        ObjectId parentCommit = ObjectId.fromString(context.parent().commitId().orElseThrow());
        Path dir = t.workspace().proposalDir(spec.name(), node.number());
        try {
            t.repo().export(parentCommit, dir);
            String parentLog = spec.proposer().kind().equals("self")
                    ? t.workspace()
                            .recentLog(
                                    spec.name(),
                                    parentNumber,
                                    SELF_LOG_CHARS,
                                    3 * plan.tasks().size())
                    : t.workspace().recentLog(spec.name(), parentNumber, PARENT_LOG_CHARS, 4);
            ProposalRequest request = new ProposalRequest(
                    spec.name(),
                    node.number(),
                    spec.goal(),
                    dir,
                    t.editable(),
                    node.operator(),
                    spec.evaluator().direction() == CampaignSpec.Direction.MAXIMIZE,
                    context.parent().summary(),
                    context.grandparent(),
                    context.siblings(),
                    context.inspirations(),
                    mix(spec.seed() ^ 0x5DEECE66DL, node.number()),
                    parentLog,
                    t.guidance()
                            .forProposal(spec, node.number(), context.parent().summary(), parentLog));
            switch (t.proposer().propose(request)) {
                case Proposal.Declined d -> t.archive().markInvalid(node.id(), "proposer declined: " + d.reason());
                case Proposal.Edited e -> commit(node, parentCommit, dir, e);
            }
        } finally {
            t.workspace().discard(dir);
        }
        NodeInfo proposed = t.archive().node(campaignId, node.number());
        t.listener().nodeProposed(proposed);
        return proposed;
    }

    private void commit(NodeInfo node, ObjectId parentCommit, Path dir, Proposal.Edited edited) {
        String branch = Branches.of(spec.name(), node.number());
        CommitMessage message = new CommitMessage(
                edited.idea(), spec.name(), node.number(), node.parent().orElseThrow(), OptionalDouble.empty());
        switch (t.repo().commitChild(parentCommit, dir, t.editable(), branch, message)) {
            case CommitOutcome.Committed c ->
                t.archive().markCommitted(node.id(), branch, c.commit().name(), edited.idea(), edited.meta());
            case CommitOutcome.NoChange n ->
                t.archive()
                        .markInvalid(
                                node.id(),
                                "the proposal changed no editable file"
                                        + (n.ignoredPaths().isEmpty()
                                                ? ""
                                                : "; changes outside target.editable were ignored: "
                                                        + n.ignoredPaths()));
        }
    }

    /** Evaluates a node on every task it has no result for, then judges it once. */
    private NodeInfo evaluateAll(NodeInfo node) {
        t.archive().startEvaluation(node.id());
        t.listener().evaluationStarted(node, Optional.empty());
        for (String task : plan.tasks()) {
            Optional<Integer> attempt = t.archive().startTask(node.id(), task);
            if (attempt.isPresent()) {
                t.archive().finishTask(node.id(), task, runTask(node, task, attempt.get()), plan, false);
            }
        }
        return t.archive().judge(node.id(), plan);
    }

    private EvaluationResult runTask(NodeInfo node, String task, int attempt) {
        Optional<String> named = plan.hasTasks() ? Optional.of(task) : Optional.empty();
        Path dir = t.workspace()
                .evaluationDir(
                        spec.name(),
                        node.number(),
                        named.map(n -> "t" + n + "-").orElse("") + "a" + attempt);
        try {
            Path checkout = dir.resolve("src");
            ObjectId commit = ObjectId.fromString(node.commitId().orElseThrow());
            t.repo().export(commit, checkout);
            Confinement confinement = t.confinement().forCommit(commit);
            if (t.benchmark().isPresent()) {
                Path transcript = t.workspace()
                        .logDir(spec.name(), node.number())
                        .resolve(named.map(n -> "t" + n + "-").orElse("") + "a" + attempt + "-0-agent.log");
                switch (t.benchmark()
                        .get()
                        .prepare(
                                checkout,
                                task,
                                dir,
                                transcript,
                                spec.name(),
                                node.number(),
                                mix(spec.seed(), node.number()))) {
                    case AgentBenchmark.Prepared.Broken b -> {
                        return new EvaluationResult.Failed("agent", b.reason(), List.of());
                    }
                    case AgentBenchmark.Prepared.Ready r -> {
                        checkout = r.checkout();
                        confinement = new Confinement(confinement.hidden(), confinement.strict(), r.pinned());
                    }
                }
            }
            EvaluationJob job = new EvaluationJob(
                    spec.name(),
                    node.number(),
                    named,
                    attempt,
                    checkout,
                    dir,
                    t.workspace().logDir(spec.name(), node.number()),
                    spec.evaluator().searchStages(),
                    spec.evaluator().direction(),
                    spec.evaluator().outputLimitBytes(),
                    spec.evaluator().env(),
                    confinement);
            return t.evaluator().evaluate(job, run -> t.archive().recordStage(node.id(), task, attempt, run, false));
        } finally {
            t.workspace().discard(dir);
        }
    }

    /** Writes the node's current score into its commit message (a new commit with the same tree). */
    private void recordScore(NodeInfo node) {
        if (node.state() == NodeState.SCORED && node.branch().isPresent()) {
            ObjectId current = ObjectId.fromString(node.commitId().orElseThrow());
            ObjectId scored = t.repo()
                    .recordScore(current, node.branch().get(), node.score().getAsDouble());
            t.archive().recommitted(node.id(), scored.name());
        }
    }

    /** One report at a time; each finished experiment advances the count by one, in the order reported. */
    private void reportNode(NodeInfo node) {
        Optional<NodeInfo> best = answer();
        synchronized (this) {
            long finished = node.number() > 0 ? ++reportedNodes : reportedNodes;
            t.listener().nodeFinished(node, best, finished, spec.budget().experiments());
        }
    }

    private void reportTask(NodeInfo node, String task, EvaluationResult result) {
        Optional<NodeInfo> best = answer();
        synchronized (this) {
            t.listener().taskFinished(node, task, result, best, ++reportedTasks, plan.evaluationBudget());
        }
    }

    /** The campaign's answer so far, by the strategy's rule (best score, or HGM's best belief). */
    private Optional<NodeInfo> answer() {
        return t.strategy()
                .finalAnswer(t.archive().view(campaignId, plan))
                .map(a -> t.archive().node(campaignId, a.number()))
                .filter(n -> n.score().isPresent());
    }

    private long activeMillis() {
        return activeBefore + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private synchronized void flushActiveTime() {
        long now = System.nanoTime();
        long millis = TimeUnit.NANOSECONDS.toMillis(now - flushedNanos);
        if (millis > 0) {
            t.campaigns().addActiveTime(campaignId, millis);
            flushedNanos += TimeUnit.MILLISECONDS.toNanos(millis);
        }
    }

    /** Asks the run to stop: no new work starts; work in flight finishes. */
    void requestStop(String reason) {
        stop(reason);
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
            progress.await(t.waitPoll().toMillis(), TimeUnit.MILLISECONDS);
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
