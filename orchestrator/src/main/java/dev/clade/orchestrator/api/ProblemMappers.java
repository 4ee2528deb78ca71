package dev.clade.orchestrator.api;

import dev.clade.orchestrator.campaign.SpecException;
import dev.clade.orchestrator.engine.CampaignControl;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.NoSuchElementException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps what the services throw to problem details: 400 names the bad fields, 404, 409. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response spec(SpecException e) {
        List<Problem.FieldError> errors = e.problems().stream()
                .map(p -> {
                    int colon = p.indexOf(": ");
                    return colon < 0
                            ? new Problem.FieldError("", p)
                            : new Problem.FieldError(p.substring(0, colon), p.substring(colon + 2));
                })
                .toList();
        return Problem.response(Response.Status.BAD_REQUEST, "invalid campaign spec", errors);
    }

    @ServerExceptionMapper
    public Response notFound(NoSuchElementException e) {
        return Problem.response(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(CampaignControl.ConflictException e) {
        return Problem.response(Response.Status.CONFLICT, e.getMessage());
    }

    @ServerExceptionMapper
    public Response field(FieldException e) {
        return Problem.response(
                Response.Status.BAD_REQUEST,
                e.field() + ": " + e.getMessage(),
                List.of(new Problem.FieldError(e.field(), e.getMessage())));
    }

    @ServerExceptionMapper
    public Response badRequest(IllegalArgumentException e) {
        return Problem.response(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        return Problem.response(status == null ? Response.Status.BAD_REQUEST : status, e.getMessage());
    }
}
