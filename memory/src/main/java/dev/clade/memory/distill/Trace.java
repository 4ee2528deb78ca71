package dev.clade.memory.distill;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What happened to one evaluated node, as the distiller reads it.
 *
 * @param campaign campaign name
 * @param node node number
 * @param commit the node's commit
 * @param idea the proposer's idea (first line of the commit message)
 * @param changes the parameters the proposal moved (empty when the proposer does not say); for a failed node, against
 *     the last values that worked (those of the nearest scored ancestor), so that a failure is blamed on what moved
 *     since the run last worked
 * @param outcome how the node fared against its parent
 * @param failure the failure reason, when the evaluation failed or was gated ("exited with code 1", ...)
 * @param errorOutput the end of the failing stage's standard error (a traceback, ...); may be empty
 * @param delta the score change against the parent, in the campaign's direction (positive is better), when both
 *     scored
 */
public record Trace(
        String campaign,
        long node,
        String commit,
        String idea,
        List<ParameterChange> changes,
        Outcome outcome,
        String failure,
        String errorOutput,
        OptionalDouble delta) {

    public Trace {
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(outcome, "outcome");
        idea = idea == null ? "" : idea;
        commit = commit == null ? "" : commit;
        changes = List.copyOf(changes);
        failure = failure == null ? "" : failure;
        errorOutput = errorOutput == null ? "" : errorOutput;
        Objects.requireNonNull(delta, "delta");
    }

    /** How a node fared against its parent. */
    public enum Outcome {
        IMPROVED,
        NO_GAIN,
        WORSE,
        FAILED
    }

    /** One numeric parameter a proposal moved. */
    public record ParameterChange(String file, String name, double from, double to) {
        public String direction() {
            return to > from ? "up" : to < from ? "down" : "unchanged";
        }
    }
}
