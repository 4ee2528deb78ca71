package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.archive.EvaluationRecords;
import dev.clade.orchestrator.archive.EvaluationRecords.TaskRun;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.evaluation.Confinement;
import dev.clade.orchestrator.evaluation.EvaluationJob;
import dev.clade.orchestrator.evaluation.EvaluationResult;
import dev.clade.orchestrator.evaluation.StageRun;
import dev.clade.orchestrator.evaluation.StagedEvaluator;
import dev.clade.orchestrator.experiment.Checkout;
import dev.clade.orchestrator.strategy.NodeState;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The evaluation of a committed node: for each task, a fresh export of its commit, the candidate agent's run on the
 * benchmark task first when the campaign has one, then the search stages in the sandbox, each stage recorded as it
 * ends. Greedy and dgm evaluate every task of a node at once; hgm one task at a time.
 */
final class NodeEvaluation {

    /** One task evaluation that ran: the node judged on all its results so far, and this task's result. */
    record TaskEvaluated(NodeInfo node, String task, EvaluationResult result) {}

    private final RunContext run;
    private final StagedEvaluator evaluator;
    private final Confinements confinements;
    private final Optional<AgentBenchmark> benchmark;
    private final EvaluationJobs jobs;

    NodeEvaluation(
            RunContext run, StagedEvaluator evaluator, Confinements confinements, Optional<AgentBenchmark> benchmark) {
        this.run = run;
        this.evaluator = evaluator;
        this.confinements = confinements;
        this.benchmark = benchmark;
        this.jobs = new EvaluationJobs(run.spec(), run.workspace());
    }

    /**
     * Evaluates a node on every task it has no result for, then judges it once (with the last task's result). A node
     * just {@code proposed} started its evaluation with its commit (see {@link Expansion#propose}); any other starts a
     * new attempt here.
     */
    NodeInfo evaluateAll(NodeInfo node, boolean proposed) {
        List<String> tasks = run.plan().tasks();
        Optional<Integer> attempt = proposed && node.state() == NodeState.EVALUATING
                ? Optional.of(EvaluationRecords.FIRST_ATTEMPT)
                : run.records().startEvaluation(node.id(), tasks.getFirst());
        run.listener().evaluationStarted(node, Optional.empty());
        NodeInfo judged = null;
        for (int i = 0; i < tasks.size(); i++) {
            String task = tasks.get(i);
            if (i > 0) {
                attempt = run.records().startTask(node.id(), task);
            }
            if (attempt.isPresent()) {
                boolean last = i == tasks.size() - 1; // the last result and the verdict: one transaction
                NodeInfo after =
                        run.records().finishTask(node.id(), runTask(node, task, attempt.get()), run.plan(), last);
                judged = last ? after : null;
            }
        }
        return judged != null ? judged : run.records().judge(node.id(), run.plan());
    }

    /** Evaluates a node on one reserved task; empty when another worker finished it already. */
    Optional<TaskEvaluated> evaluateTask(NodeInfo node, String task) {
        Optional<Integer> attempt = run.records().startTask(node.id(), task);
        if (attempt.isEmpty()) {
            return Optional.empty();
        }
        run.listener().evaluationStarted(node, Optional.of(task));
        TaskRun ran = runTask(node, task, attempt.get());
        // The score trailer of a node evaluated task by task is written once, when the campaign ends (see
        // CampaignRunner): its mean changes with every task, and concurrent tasks of one node would race on its branch.
        NodeInfo judged = run.records().finishTask(node.id(), ran, run.plan(), true);
        return Optional.of(new TaskEvaluated(judged, task, ran.result()));
    }

    /** Counts a stage that ran in the instance's metrics: its duration, by campaign, stage and outcome. */
    static void measured(RunContext run, StageRun stage) {
        String outcome = stage.outcome().getClass().getSimpleName();
        run.metrics().stageFinished(run.name(), stage.stage().name(), outcome, stage.elapsed());
    }

    /**
     * Runs a task's stages. Each stage's row is stored as it ends, but the last stage's comes back, to be stored with
     * the task's result in one transaction (a kill in between loses neither: the task then has no result and runs
     * again).
     */
    private TaskRun runTask(NodeInfo node, String task, int attempt) {
        Optional<String> named = run.plan().hasTasks() ? Optional.of(task) : Optional.empty();
        String prefix = named.map(n -> "t" + n + "-").orElse("") + "a" + attempt;
        Path dir = run.workspace().evaluationDir(run.name(), node.number(), prefix);
        try {
            ObjectId commit = ObjectId.fromString(node.commitId().orElseThrow());
            Optional<Checkout> reused = run.workspace().workerCheckout(run.name());
            Path checkout = run.workspace().checkOut(run.repo(), commit, reused, dir.resolve("src"));
            Confinement confinement = reused.isPresent()
                    ? confinements.forCheckout(commit, reused.get())
                    : confinements.forCommit(commit);
            if (benchmark.isPresent()) {
                Path transcript =
                        run.workspace().logDir(run.name(), node.number()).resolve(prefix + "-0-agent.log");
                long seed = Seeds.mix(run.spec().seed(), node.number());
                switch (benchmark.get().prepare(checkout, task, dir, transcript, run.name(), node.number(), seed)) {
                    case AgentBenchmark.Prepared.Broken b -> {
                        return new TaskRun(
                                task,
                                attempt,
                                new EvaluationResult.Failed("agent", b.reason(), List.of()),
                                Optional.empty());
                    }
                    case AgentBenchmark.Prepared.Ready r -> {
                        checkout = r.checkout();
                        confinement = new Confinement(confinement.hidden(), confinement.strict(), r.pinned());
                    }
                }
            }
            EvaluationJob job = jobs.search(node, named, attempt, checkout, dir, confinement);
            int last = job.stages().size() - 1;
            AtomicReference<StageRun> held = new AtomicReference<>();
            try {
                EvaluationResult result = evaluator.evaluate(job, stage -> {
                    if (stage.index() == last) {
                        held.set(stage);
                    } else {
                        run.records().recordStage(node.id(), task, attempt, stage, false);
                    }
                    measured(run, stage);
                });
                return new TaskRun(task, attempt, result, Optional.ofNullable(held.getAndSet(null)));
            } finally {
                StageRun unstored = held.get(); // the evaluation failed after its last stage: its row is stored anyway
                if (unstored != null) {
                    run.records().recordStage(node.id(), task, attempt, unstored, false);
                }
            }
        } finally {
            run.workspace().discard(dir);
        }
    }
}
