package dev.clade.orchestrator.api;

import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An error body in the style of RFC 9457 problem details ({@code application/problem+json}); {@code errors} names each
 * bad field of a request.
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {}

    public Problem {
        errors = List.copyOf(errors);
    }

    public static Response response(Response.Status status, String detail, List<FieldError> errors) {
        Problem p = new Problem(
                "https://clade.dev/problems/"
                        + status.getReasonPhrase().toLowerCase().replace(' ', '-'),
                status.getReasonPhrase(),
                status.getStatusCode(),
                detail,
                errors);
        return Response.status(status).type(MEDIA_TYPE).entity(p).build();
    }

    public static Response response(Response.Status status, String detail) {
        return response(status, detail, List.of());
    }
}
