package dev.clade.orchestrator.campaign;

import java.util.List;

/** A campaign spec that cannot run; {@link #fieldProblems()} names each bad field and what is allowed. */
public class SpecException extends RuntimeException {

    private final List<FieldProblem> problems;

    private SpecException(String source, List<FieldProblem> problems) {
        super("invalid campaign spec " + source + ":\n  - "
                + String.join(
                        "\n  - ", problems.stream().map(FieldProblem::describe).toList()));
        this.problems = List.copyOf(problems);
    }

    /** The spec read from {@code source} has these problems. */
    public static SpecException of(String source, List<FieldProblem> problems) {
        return new SpecException(source, problems);
    }

    /** The document read from {@code source} as a whole cannot be used (missing, unreadable, not YAML). */
    public static SpecException whole(String source, String message) {
        return new SpecException(source, List.of(new FieldProblem("", message)));
    }

    /** Each problem with its field, as the REST API returns them. */
    public List<FieldProblem> fieldProblems() {
        return problems;
    }

    /** Each problem as the CLI prints it ({@code field: message}). */
    public List<String> problems() {
        return problems.stream().map(FieldProblem::describe).toList();
    }
}
