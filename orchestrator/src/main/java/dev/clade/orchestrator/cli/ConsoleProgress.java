package dev.clade.orchestrator.cli;

import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.evaluation.EvaluationResult;
import dev.clade.orchestrator.events.ProgressListener;
import dev.clade.orchestrator.strategy.Direction;
import java.io.PrintStream;
import java.util.Optional;

/** One line per finished experiment: progress, node and parent, operator, score or failure, best so far, idea. */
final class ConsoleProgress implements ProgressListener {

    private final PrintStream out;
    private final Direction direction;

    ConsoleProgress(PrintStream out, Direction direction) {
        this.out = out;
        this.direction = direction;
    }

    @Override
    public synchronized void nodeFinished(NodeInfo node, Optional<NodeInfo> best, long finished, int budget) {
        String head = node.number() == 0
                ? String.format(
                        "[%s] node 0 (baseline)      ",
                        " ".repeat(String.valueOf(budget).length() * 2 + 1))
                : String.format(
                        "[%" + String.valueOf(budget).length() + "d/%d] node %-4d <- %-4d %-7s",
                        finished,
                        budget,
                        node.number(),
                        node.parent().orElse(0L),
                        node.operator().label());
        out.println(head + " " + outcome(node) + "  best "
                + best.map(ConsoleProgress::describe).orElse("-")
                + (node.number() == 0 ? "" : "  " + firstLine(node.idea())));
        out.flush();
    }

    @Override
    public synchronized void taskFinished(
            NodeInfo node,
            String task,
            EvaluationResult result,
            Optional<NodeInfo> best,
            long evaluations,
            long budget) {
        String what = switch (result) {
            case EvaluationResult.Scored s -> String.format("score %-10s", Numbers.format(s.score()));
            case EvaluationResult.Gated g -> "GATED: " + firstLine(g.reason());
            case EvaluationResult.Failed f -> "FAILED: stage '" + f.stage() + "': " + firstLine(f.reason());
        };
        out.printf(
                "[eval %" + String.valueOf(budget).length() + "d/%d] node %-4d task %-8s %s  node %s over %d task(s)"
                        + "  best %s%n",
                evaluations,
                budget,
                node.number(),
                task,
                what,
                node.score().isPresent()
                        ? Numbers.format(node.score().getAsDouble())
                        : node.state().name().toLowerCase(),
                node.evaluations(),
                best.map(ConsoleProgress::describe).orElse("-"));
        out.flush();
    }

    @Override
    public synchronized void holdoutScored(NodeInfo node, String stage, String outcome) {
        out.printf("holdout '%s' on node %d: %s%n", stage, node.number(), outcome);
    }

    @Override
    public synchronized void note(String message) {
        out.println(message);
    }

    private static String outcome(NodeInfo node) {
        return switch (node.state()) {
            case SCORED ->
                String.format(
                        "score %-12s",
                        Numbers.format(node.score().getAsDouble())
                                + (node.evaluations() > 1 ? " (" + node.evaluations() + " tasks)" : ""));
            case COMMITTED -> "committed; evaluated task by task";
            default -> node.state().name() + ": " + firstLine(node.reason());
        };
    }

    private static String describe(NodeInfo best) {
        return Numbers.format(best.score().getAsDouble()) + " (node " + best.number() + ")";
    }

    static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }
}
