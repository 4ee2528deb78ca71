package dev.clade.orchestrator.api;

import dev.clade.orchestrator.campaign.SpecException;
import dev.clade.orchestrator.engine.CampaignControl;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.NoSuchElementException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps what the services throw to problem details: 400 names the bad fields (a spec's, or a request's: {@link
 * FieldException}), 404, 409. Anything else is a bug or broken infrastructure, a 500.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response spec(SpecException e) {
        List<Problem.FieldError> errors = e.fieldProblems().stream()
                .map(p -> new Problem.FieldError(p.field(), p.message()))
                .toList();
        String detail = errors.size() == 1
                ? "invalid campaign spec: " + e.fieldProblems().getFirst().describe()
                : "invalid campaign spec: " + errors.size() + " problems";
        return Problem.response(Response.Status.BAD_REQUEST, detail, errors);
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
    public Response web(WebApplicationException e) {
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        return Problem.response(status == null ? Response.Status.BAD_REQUEST : status, e.getMessage());
    }
}
