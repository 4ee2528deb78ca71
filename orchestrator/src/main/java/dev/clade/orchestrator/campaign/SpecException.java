package dev.clade.orchestrator.campaign;

import java.util.List;

/** A campaign spec that cannot run; {@link #problems()} names each bad field and what is allowed. */
public class SpecException extends RuntimeException {

    private final List<String> problems;

    public SpecException(String source, List<String> problems) {
        super("invalid campaign spec " + source + ":\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
