package dev.clade.orchestrator.experiment;

/**
 * Broken input or infrastructure in the experiment store: a missing path, a bad URL, an unknown ref or commit, an
 * unreadable file, a corrupt repository. The message names the path, ref, URL or commit concerned.
 *
 * <p>Expected outcomes of an experiment (nothing changed, edits outside the editable paths) are never reported with
 * this exception; they are values of {@link CommitOutcome}.
 */
public class ExperimentException extends RuntimeException {

    public ExperimentException(String message) {
        super(message);
    }

    public ExperimentException(String message, Throwable cause) {
        super(message, cause);
    }
}
