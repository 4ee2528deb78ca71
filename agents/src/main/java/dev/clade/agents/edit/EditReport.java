package dev.clade.agents.edit;

import java.util.List;

/**
 * What applying a batch of edits did. Either every edit applied and {@code changed} lists the files written, or none
 * was written and {@code failures} says, per edit, why (in words meant for the model that wrote them). {@code
 * originals} holds each changed file's content before the batch (empty when it did not exist).
 */
public record EditReport(
        List<String> changed, List<String> failures, java.util.Map<String, java.util.Optional<String>> originals) {
    public EditReport {
        changed = List.copyOf(changed);
        failures = List.copyOf(failures);
        originals = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(originals));
    }

    /** A report without the files' contents before the edits. */
    public EditReport(List<String> changed, List<String> failures) {
        this(changed, failures, java.util.Map.of());
    }

    public boolean applied() {
        return failures.isEmpty();
    }

    /** One paragraph for the model: what changed, or every reason nothing did. */
    public String describe() {
        return applied()
                ? "applied; changed " + String.join(", ", changed)
                : "not applied, nothing was written:\n- " + String.join("\n- ", failures);
    }
}
