package dev.clade.orchestrator.events;

import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.evaluation.EvaluationResult;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns what a running campaign reports into events of the {@link EventLog}. Events are written by one background
 * thread, in order, so that workers never wait on the event table; {@link #close()} waits for the ones queued.
 */
public final class EventPublisher implements ProgressListener, AutoCloseable {

    private final EventLog log;
    private final long campaignId;
    /** Number of the best node announced last, -1 for none. */
    private final AtomicLong best = new AtomicLong(-1);

    private final java.util.concurrent.ExecutorService writer =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "clade-events");
                t.setDaemon(true);
                return t;
            });

    public EventPublisher(EventLog log, long campaignId) {
        this.log = log;
        this.campaignId = campaignId;
    }

    @Override
    public void nodeProposed(NodeInfo node) {
        Map<String, Object> data = node(node);
        data.put("parent", node.parent().orElse(null));
        data.put("operator", node.operator().label());
        publish("node.proposed", node, data);
    }

    @Override
    public void evaluationStarted(NodeInfo node, Optional<String> task) {
        Map<String, Object> data = node(node);
        task.ifPresent(t -> data.put("task", t));
        publish("evaluation.started", node, data);
    }

    @Override
    public void nodeFinished(NodeInfo node, Optional<NodeInfo> bestNode, long finished, int budget) {
        Map<String, Object> data = node(node);
        data.put("finished", finished);
        data.put("budget", budget);
        publish("node.finished", node, data);
        announceBest(bestNode);
    }

    @Override
    public void taskFinished(
            NodeInfo node,
            String task,
            EvaluationResult result,
            Optional<NodeInfo> bestNode,
            long evaluations,
            long budget) {
        Map<String, Object> data = node(node);
        data.put("task", task);
        data.put(
                "outcome",
                switch (result) {
                    case EvaluationResult.Scored s -> "scored";
                    case EvaluationResult.Gated g -> "gated";
                    case EvaluationResult.Failed f -> "failed";
                });
        data.put("evaluations", evaluations);
        data.put("budget", budget);
        publish("evaluation.finished", node, data);
        announceBest(bestNode);
    }

    @Override
    public void holdoutScored(NodeInfo node, String stage, String outcome) {
        Map<String, Object> data = node(node);
        data.put("stage", stage);
        data.put("outcome", outcome);
        publish("holdout.scored", node, data);
    }

    @Override
    public void stateChanged(String state, String reason) {
        Map<String, Object> data = new HashMap<>();
        data.put("state", state);
        if (reason != null) {
            data.put("reason", reason);
        }
        submit("campaign.state", OptionalLong.empty(), data);
    }

    /** A line of progress that is not a node's, such as the import of the target. */
    @Override
    public void note(String message) {
        Map<String, Object> data = new HashMap<>();
        data.put("message", message);
        submit("campaign.note", OptionalLong.empty(), data);
    }

    /** Waits (a few seconds at most) until the queued events are written. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void submit(String kind, OptionalLong node, Map<String, Object> data) {
        try {
            writer.execute(() -> log.publish(campaignId, kind, node, data));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed: the run is over
        }
    }

    private void announceBest(Optional<NodeInfo> bestNode) {
        if (bestNode.isEmpty()) {
            return;
        }
        long number = bestNode.get().number();
        if (best.getAndSet(number) != number) {
            publish("best.changed", bestNode.get(), node(bestNode.get()));
        }
    }

    private void publish(String kind, NodeInfo node, Map<String, Object> data) {
        submit(kind, OptionalLong.of(node.number()), data);
    }

    private static Map<String, Object> node(NodeInfo n) {
        Map<String, Object> data = new HashMap<>();
        data.put("state", n.state().name().toLowerCase(java.util.Locale.ROOT));
        if (n.score().isPresent()) {
            data.put("score", n.score().getAsDouble());
        }
        if (!n.idea().isBlank()) {
            data.put("idea", n.idea().lines().findFirst().orElse(""));
        }
        if (!n.reason().isBlank()) {
            data.put("reason", n.reason());
        }
        data.put("evaluations", n.evaluations());
        return data;
    }
}
