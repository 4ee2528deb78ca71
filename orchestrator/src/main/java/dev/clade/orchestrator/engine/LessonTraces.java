package dev.clade.orchestrator.engine;

import dev.clade.agents.offline.OfflineProposer;
import dev.clade.memory.distill.Trace;
import dev.clade.orchestrator.archive.Evaluation;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.evaluation.EvaluationResult;
import dev.clade.orchestrator.strategy.Direction;
import dev.clade.orchestrator.strategy.NodeState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The trace of an evaluated node that the lesson distiller reads: its outcome against its parent, the parameters the
 * offline proposer moved (its {@code from:<file>:<name>} and {@code p:<file>:<name>} notes), and for a failure the
 * reason and the end of the failing stage's standard error.
 */
final class LessonTraces {

    static final int ERROR_TAIL_BYTES = 4_000;

    private LessonTraces() {}

    /**
     * @param firstBroken for a failed node, the first failed node on its path from its nearest scored ancestor (the
     *     node itself when its parent scored), whose starting values are the last that worked
     */
    static Trace of(
            String campaign,
            NodeInfo node,
            NodeInfo parent,
            NodeInfo firstBroken,
            List<Evaluation> stages,
            Direction direction) {
        boolean failed = node.state() == NodeState.FAILED || node.state() == NodeState.GATED;
        OptionalDouble delta = OptionalDouble.empty();
        Trace.Outcome outcome;
        if (failed) {
            outcome = Trace.Outcome.FAILED;
        } else if (parent.score().isEmpty()) {
            outcome = Trace.Outcome.IMPROVED; // a scored child of a broken parent repaired it
        } else {
            double d = gain(node.score().getAsDouble(), parent.score().getAsDouble(), direction);
            delta = OptionalDouble.of(d);
            outcome = outcome(d, parent.score().getAsDouble());
        }
        String errorOutput = "";
        if (failed) {
            errorOutput = stages.stream()
                    .filter(e -> !e.holdout && !e.passed)
                    .reduce((a, b) -> b)
                    .map(e -> tail(e.stderrLog) + "\n" + tail(e.stdoutLog))
                    .orElse("");
        }
        return new Trace(
                campaign,
                node.number(),
                node.commitId().orElse(""),
                node.idea().lines().findFirst().orElse(""),
                failed ? changesSinceWorking(node.meta(), firstBroken.meta()) : changes(node.meta()),
                outcome,
                node.reason(),
                errorOutput,
                delta);
    }

    /**
     * A failed node's values against the last ones that worked (what {@code firstBroken} started from), not against
     * its parent's: a debug move back toward working values that still fails then teaches a tighter bound on the same
     * side, instead of "moving down broke the run".
     */
    static List<Trace.ParameterChange> changesSinceWorking(Map<String, String> meta, Map<String, String> parentMeta) {
        Map<String, String> rebased = new java.util.HashMap<>(meta);
        rebased.keySet().removeIf(k -> k.startsWith(OfflineProposer.FROM));
        parentMeta.forEach((k, v) -> {
            if (k.startsWith(OfflineProposer.FROM)) {
                rebased.put(k, v);
            }
        });
        return changes(rebased);
    }

    /**
     * The trace of one task evaluation (strategies that evaluate task by task, hgm): a failure on the task, or the
     * node's score on it against its parent's on the same task. Empty when there is nothing to compare with (the
     * task scored but the parent has no score on it yet).
     */
    static Optional<Trace> ofTask(
            String campaign,
            NodeInfo node,
            NodeInfo firstBroken,
            EvaluationResult result,
            OptionalDouble parentScore,
            Direction direction) {
        String idea = node.idea().lines().findFirst().orElse("");
        String commit = node.commitId().orElse("");
        return switch (result) {
            case EvaluationResult.Scored s -> {
                if (parentScore.isEmpty()) {
                    yield Optional.empty();
                }
                double d = gain(s.score(), parentScore.getAsDouble(), direction);
                Trace.Outcome outcome = outcome(d, parentScore.getAsDouble());
                yield Optional.of(new Trace(
                        campaign,
                        node.number(),
                        commit,
                        idea,
                        changes(node.meta()),
                        outcome,
                        "",
                        "",
                        OptionalDouble.of(d)));
            }
            case EvaluationResult.Gated g -> Optional.empty(); // a missed threshold is a score, not a crash
            case EvaluationResult.Failed f ->
                Optional.of(new Trace(
                        campaign,
                        node.number(),
                        commit,
                        idea,
                        changesSinceWorking(node.meta(), firstBroken.meta()),
                        Trace.Outcome.FAILED,
                        f.reason(),
                        f.runs().isEmpty()
                                ? ""
                                : tail(f.runs()
                                                .get(f.runs().size() - 1)
                                                .stderrLog()
                                                .toString()) + "\n"
                                        + tail(f.runs()
                                                .get(f.runs().size() - 1)
                                                .stdoutLog()
                                                .toString()),
                        OptionalDouble.empty()));
        };
    }

    /** The score change against the parent's, in the campaign's direction: positive is better. */
    private static double gain(double score, double parentScore, Direction direction) {
        double d = score - parentScore;
        return direction == Direction.MAXIMIZE ? d : -d;
    }

    /** Improved, worse, or no gain: a change within a billionth of the parent's score is none. */
    private static Trace.Outcome outcome(double gain, double parentScore) {
        double scale = Math.max(1e-12, Math.abs(parentScore));
        return Math.abs(gain) <= 1e-9 * scale
                ? Trace.Outcome.NO_GAIN
                : gain > 0 ? Trace.Outcome.IMPROVED : Trace.Outcome.WORSE;
    }

    /** The parameter values the offline proposer noted for a node, by {@code file:name}. */
    static Map<String, Double> values(Map<String, String> meta) {
        Map<String, Double> out = new java.util.HashMap<>();
        meta.forEach((key, value) -> {
            if (key.startsWith(OfflineProposer.VALUE)) {
                try {
                    out.put(key.substring(OfflineProposer.VALUE.length()), Double.parseDouble(value));
                } catch (NumberFormatException ignored) {
                    // not a number: no bound applies to it
                }
            }
        });
        return out;
    }

    static List<Trace.ParameterChange> changes(Map<String, String> meta) {
        List<Trace.ParameterChange> out = new ArrayList<>();
        meta.forEach((key, from) -> {
            if (!key.startsWith(OfflineProposer.FROM)) {
                return;
            }
            String rest = key.substring(OfflineProposer.FROM.length());
            int colon = rest.lastIndexOf(':');
            String to = meta.get(OfflineProposer.VALUE + rest);
            if (colon < 0 || to == null) {
                return;
            }
            try {
                double a = Double.parseDouble(from);
                double b = Double.parseDouble(to);
                if (a != b) { // the proposer notes every parameter; only the moved ones teach anything
                    out.add(new Trace.ParameterChange(rest.substring(0, colon), rest.substring(colon + 1), a, b));
                }
            } catch (NumberFormatException ignored) {
                // not a number: nothing to learn about its direction
            }
        });
        out.sort((a, b) -> (a.file() + a.name()).compareTo(b.file() + b.name()));
        return out;
    }

    private static String tail(String file) {
        return file == null ? "" : Workspace.tail(java.nio.file.Path.of(file), ERROR_TAIL_BYTES);
    }
}
