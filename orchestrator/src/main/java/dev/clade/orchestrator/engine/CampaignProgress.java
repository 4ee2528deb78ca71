package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.archive.Reservation;
import dev.clade.orchestrator.strategy.NodeState;
import dev.clade.orchestrator.strategy.SearchStrategy;
import java.util.List;
import java.util.Optional;
import java.util.Queue;

/**
 * What a run tells its listener: the work a restart resumes, and each finished experiment or task evaluation with the
 * campaign's answer so far. Each report advances the count by one, in the order reported, counting on from what
 * earlier runs finished.
 */
final class CampaignProgress {

    private final RunContext run;
    private final SearchStrategy strategy;
    private long reportedNodes;
    private long reportedTasks;

    CampaignProgress(RunContext run, SearchStrategy strategy) {
        this.run = run;
        this.strategy = strategy;
    }

    /** Queues the work a crash left unfinished, says so, and counts what earlier runs finished. */
    void resumeFrom(Queue<Reservation> pending) {
        boolean onExpand = run.plan().evaluatesOnExpand();
        List<NodeInfo> nodes = run.archive().unfinished(run.campaignId(), onExpand);
        List<Reservation.EvaluationReserved> tasks =
                onExpand ? List.of() : run.archive().runningTasks(run.campaignId());
        if (nodes.stream().anyMatch(n -> n.number() > 0) || !tasks.isEmpty()) {
            run.listener()
                    .note("resuming " + nodes.size() + " unfinished node(s) "
                            + nodes.stream()
                                    .map(n ->
                                            n.number() + " (" + n.state().name().toLowerCase() + ")")
                                    .toList()
                            + (tasks.isEmpty() ? "" : " and " + tasks.size() + " task evaluation(s)"));
        }
        nodes.forEach(n -> pending.add(new Reservation.Reserved(n)));
        pending.addAll(tasks);
        List<NodeInfo> all = run.archive().all(run.campaignId());
        reportedNodes = countedExperiments(all) - countedExperiments(nodes);
        reportedTasks = all.stream().mapToLong(NodeInfo::evaluations).sum();
    }

    private static long countedExperiments(List<NodeInfo> nodes) {
        return nodes.stream()
                .filter(n -> n.number() > 0 && n.state() != NodeState.PROPOSING)
                .count();
    }

    void nodeFinished(NodeInfo node) {
        Optional<NodeInfo> best = answer();
        synchronized (this) {
            long finished = node.number() > 0 ? ++reportedNodes : reportedNodes;
            run.listener()
                    .nodeFinished(node, best, finished, run.spec().budget().experiments());
        }
    }

    void taskFinished(NodeEvaluation.TaskEvaluated evaluated) {
        Optional<NodeInfo> best = answer();
        synchronized (this) {
            run.listener()
                    .taskFinished(
                            evaluated.node(),
                            evaluated.task(),
                            evaluated.result(),
                            best,
                            ++reportedTasks,
                            run.plan().evaluationBudget());
        }
    }

    /** The campaign's answer so far, by the strategy's rule (best score, or HGM's best belief). */
    private Optional<NodeInfo> answer() {
        return strategy.finalAnswer(run.archive().view(run.campaignId(), run.plan()))
                .map(a -> run.node(a.number()))
                .filter(n -> n.score().isPresent());
    }
}
