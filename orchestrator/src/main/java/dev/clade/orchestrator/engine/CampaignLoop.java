package dev.clade.orchestrator.engine;

import dev.clade.agents.llm.CostLedger;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.archive.Reservation;
import dev.clade.orchestrator.archive.Spending;
import dev.clade.orchestrator.strategy.ArchiveView;
import dev.clade.orchestrator.strategy.Decision;
import dev.clade.orchestrator.strategy.NodeState;
import dev.clade.orchestrator.strategy.SearchStrategy;
import dev.clade.orchestrator.timing.Part;
import dev.clade.orchestrator.timing.Stopwatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.jboss.logging.Logger;

/**
 * One run of one campaign in this process (DESIGN.md, "The loop"): {@code parallelism} workers that each continue
 * unfinished work or reserve new work — a node to expand and (for greedy and dgm) evaluate on every task, or the
 * evaluation of a node on one task (hgm) — until the reservation says the budget is spent or the strategy stops. All
 * state lives in PostgreSQL and git, so a run killed at any point continues where it stopped.
 */
final class CampaignLoop {

    private static final Logger LOG = Logger.getLogger(CampaignLoop.class);

    /** The named parts a worker calls, and what the loop reads to reserve work. */
    record Parts(
            Expansion expansion,
            NodeEvaluation evaluation,
            Learning learning,
            SearchStrategy strategy,
            CostLedger ledger,
            ActiveTime activeTime,
            Duration waitPoll) {}

    private final RunContext run;
    private final Parts parts;
    private final CampaignProgress progress;
    private final ConcurrentLinkedQueue<Reservation> pending = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicReference<String> stopReason = new AtomicReference<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private ScoreTrailers trailers;

    CampaignLoop(RunContext run, Parts parts) {
        this.run = run;
        this.parts = parts;
        this.progress = new CampaignProgress(run, parts.strategy());
    }

    /** Runs until the budget is spent; returns why it stopped. Rethrows the first infrastructure failure. */
    String run() {
        progress.resumeFrom(pending);
        int parallelism = run.spec().parallelism();
        long started = System.nanoTime();
        trailers = new ScoreTrailers(run, this::failed);
        ExecutorService workers = Executors.newFixedThreadPool(parallelism, r -> {
            Thread thread = new Thread(r, "clade-worker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < parallelism; i++) {
                futures.add(workers.submit(this::work));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            requestStop("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            workers.shutdownNow();
            trailers.close();
            parts.activeTime().flushNow();
            run.times().ran(System.nanoTime() - started, parallelism);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return stopReason.get();
    }

    private void work() {
        run.metrics().workerStarted();
        try {
            workUntilStopped();
        } finally {
            run.metrics().workerStopped();
        }
    }

    private void workUntilStopped() {
        while (stopReason.get() == null) {
            Stopwatch.start();
            Reservation item = pending.poll();
            if (item == null) {
                item = scheduled();
                if (item == null) {
                    Stopwatch.stop();
                    continue;
                }
            }
            run.metrics().workerBusy();
            try {
                switch (item) {
                    case Reservation.Reserved r -> expandAndEvaluate(r.node());
                    case Reservation.EvaluationReserved e -> evaluateTask(e.node(), e.task());
                    case Reservation.Wait w -> throw new IllegalStateException("a wait is not work");
                    case Reservation.Done d -> throw new IllegalStateException("done is not work");
                }
            } catch (RuntimeException e) {
                failed(e);
            } finally {
                run.metrics().workerIdle();
                parts.activeTime().flush();
                Stopwatch.stop().ifPresent(run.times()::finished);
                signal();
            }
        }
    }

    /** A reservation, its time counted as scheduling (the database's share of it too). */
    private Reservation scheduled() {
        long database = Stopwatch.spent(Part.DATABASE);
        long start = System.nanoTime();
        Reservation item = reserve().orElse(null);
        Stopwatch.add(Part.SCHEDULING, System.nanoTime() - start);
        Stopwatch.add(Part.DATABASE, database - Stopwatch.spent(Part.DATABASE));
        return item;
    }

    /** New work, or empty after waiting (work in flight) or when the run should stop. */
    private Optional<Reservation> reserve() {
        Spending spending =
                new Spending(parts.activeTime().millis(), parts.ledger().remainingUsd(run.name()));
        Reservation r = run.archive().reserve(run.campaignId(), run.plan(), spending, this::decide);
        return switch (r) {
            case Reservation.Reserved reserved -> Optional.of(reserved);
            case Reservation.EvaluationReserved reserved -> Optional.of(reserved);
            case Reservation.Done done -> {
                // Work in flight on other workers still finishes: they check for a stop only between items.
                requestStop(done.reason());
                yield Optional.empty();
            }
            case Reservation.Wait w -> {
                awaitProgress();
                yield Optional.empty();
            }
        };
    }

    /** The strategy's decision, its randomness seeded by the campaign's seed and how far the archive has come. */
    private Decision decide(ArchiveView view) {
        long reached = view.nodes().size() * 1_000_003L + view.budget().evaluationsUsed();
        return parts.strategy().next(view, new Random(Seeds.mix(run.spec().seed(), reached)));
    }

    private void expandAndEvaluate(NodeInfo node) {
        NodeInfo current = node;
        boolean proposed = current.state() == NodeState.PROPOSING;
        if (proposed) {
            current = parts.expansion().propose(current);
        }
        boolean evaluated = false;
        if (run.plan().evaluatesOnExpand()
                && (current.state() == NodeState.COMMITTED || current.state() == NodeState.EVALUATING)) {
            current = parts.evaluation().evaluateAll(current, proposed);
            evaluated = true;
        }
        // Report first: the time between the node's final state and its line should be as short as possible, since a
        // kill in between loses the line (never the node). The score trailer follows off this worker's path; the run's
        // end rewrites any that a kill skipped.
        progress.nodeFinished(current);
        if (current.number() > 0 && current.state().finished()) { // the root is the baseline, not an experiment
            run.metrics().experimentFinished(run.name(), current.state().name());
        }
        if (evaluated) {
            trailers.submit(current);
        }
        parts.learning().finished(current, evaluated);
    }

    private void evaluateTask(NodeInfo node, String task) {
        parts.evaluation().evaluateTask(node, task).ifPresent(evaluated -> {
            progress.taskFinished(evaluated);
            NodeInfo judged = evaluated.node();
            if (judged.evaluations() == 1 && judged.state().finished()) { // a node counts at its first verdict
                run.metrics().experimentFinished(run.name(), judged.state().name());
            }
            parts.learning().fromTask(evaluated);
        });
    }

    /** An infrastructure failure stops the run: the first is rethrown to the caller, later ones only logged. */
    private void failed(RuntimeException e) {
        if (!failure.compareAndSet(null, e)) {
            LOG.infof(e, "campaign %s: a further infrastructure failure: %s", run.name(), e.getMessage());
        }
        requestStop("infrastructure failure: " + e.getMessage());
    }

    /** Asks the run to stop: no new work starts; work in flight finishes. The first reason given is kept. */
    void requestStop(String reason) {
        stopReason.compareAndSet(null, reason);
        signal();
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void awaitProgress() {
        lock.lock();
        run.metrics().waitStarted();
        try {
            changed.await(parts.waitPoll().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            requestStop("interrupted");
        } finally {
            run.metrics().waitEnded();
            lock.unlock();
        }
    }
}
