package dev.clade.orchestrator.campaign;

/**
 * One problem of a campaign spec: the field it is in, as a dotted path ({@code evaluator.stages[1].timeout}; empty for
 * the document as a whole, such as YAML that does not parse), and what is wrong with it and what is allowed.
 */
public record FieldProblem(String field, String message) {

    /** How the CLI shows it: {@code field: message}, or the message alone for the whole document. */
    public String describe() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
