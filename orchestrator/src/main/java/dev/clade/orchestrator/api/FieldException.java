package dev.clade.orchestrator.api;

/** A request parameter or body field that is wrong: a 400 whose problem details name the field. */
public class FieldException extends IllegalArgumentException {

    private final String field;

    public FieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
