package dev.clade.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.campaign.SpecText;
import dev.clade.orchestrator.engine.CampaignControl;
import dev.clade.orchestrator.engine.TargetPolicy;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Campaigns: create from a spec, list, inspect, and pause, resume or cancel them. */
@Path("/api/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "campaigns")
@SecurityRequirement(name = "bearer")
public class CampaignResource {

    private final CampaignControl control;
    private final CampaignQueries queries;
    private final EventStreams streams;
    private final TargetPolicy policy;

    public CampaignResource(
            CampaignControl control, CampaignQueries queries, EventStreams streams, TargetPolicy policy) {
        this.policy = policy;
        this.control = control;
        this.queries = queries;
        this.streams = streams;
    }

    @GET
    @Operation(summary = "List campaigns, newest first")
    public Views.Page<Views.CampaignSummary> list(
            @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("20") String size) {
        return queries.list(PageRequest.of(page, size));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a campaign from a spec (the YAML document as JSON) and start it")
    public Response create(byte[] body, UriInfo uri) {
        return create(SpecText.parse(body == null ? new byte[0] : body, SpecText.Format.JSON, "request body"), uri);
    }

    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml"})
    @Operation(summary = "Create a campaign from a spec in YAML, as clade run reads it, and start it")
    public Response createFromYaml(byte[] body, UriInfo uri) {
        return create(SpecText.parse(body == null ? new byte[0] : body, SpecText.Format.YAML, "request body"), uri);
    }

    private Response create(JsonNode spec, UriInfo uri) {
        policy.checkRequest(spec);
        Campaign c = control.create(SpecReader.parse(spec, java.nio.file.Path.of("/"), "request body"));
        return Response.created(uri.getAbsolutePathBuilder().path(c.name).build())
                .entity(queries.summary(queries.campaign(c.name)))
                .build();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "A campaign with its spec, progress, budget used, best node and holdout scores")
    public Views.CampaignDetail get(@PathParam("name") String name) {
        return queries.detail(name);
    }

    @POST
    @Path("{name}/pause")
    @Operation(summary = "Pause a running campaign: no new work starts, work in flight finishes")
    public Response pause(@PathParam("name") String name) {
        control.pause(name);
        return accepted(name);
    }

    @POST
    @Path("{name}/resume")
    @Operation(summary = "Resume a paused campaign (or start one that no process runs)")
    public Response resume(@PathParam("name") String name) {
        control.resume(name);
        return accepted(name);
    }

    @POST
    @Path("{name}/cancel")
    @Operation(summary = "Cancel a running or paused campaign for good")
    public Response cancel(@PathParam("name") String name) {
        control.cancel(name);
        return accepted(name);
    }

    @GET
    @Path("{name}/tree")
    @Operation(summary = "The archive tree: every node with its parent, score, evaluations and CMP estimate")
    @APIResponse(
            responseCode = "200",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = Views.TreeNode.class)))
    public Response tree(@PathParam("name") String name) {
        // written once per state of the campaign (at most once per clade.api.live-read-age while it runs), shared
        return Response.ok(queries.treeJson(name), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("{name}/islands")
    @Operation(
            summary = "The islands of a campaign whose strategy is islands: each island's MAP-Elites grid (cell, elite,"
                    + " score), its migrants, and every migration")
    public Views.IslandsView islands(@PathParam("name") String name) {
        return queries.islands(name);
    }

    @GET
    @Path("{name}/nodes/{number}")
    @Operation(summary = "A node: idea, stage results per task, metrics, and its diff against its parent")
    public Views.NodeDetail node(@PathParam("name") String name, @PathParam("number") long number) {
        return queries.node(name, number);
    }

    @GET
    @Path("{name}/nodes/{number}/logs/{stage}/{stream}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The log of one stage run (its id from the node's stages): stdout or stderr, at most 1 MiB")
    public String log(
            @PathParam("name") String name,
            @PathParam("number") long number,
            @PathParam("stage") long stageId,
            @PathParam("stream") String stream) {
        return queries.log(name, number, stageId, stream);
    }

    @GET
    @Blocking
    @Path("{name}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Events of one campaign, live; replays what a reconnecting client missed (Last-Event-ID)")
    public void events(
            @PathParam("name") String name,
            @Context SseEventSink sink,
            @Context Sse sse,
            @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("since") String since) {
        streams.stream(sink, sse, queries.campaign(name).id, EventStreams.after(lastEventId, since));
    }

    /** 202 with the campaign as it is after the request. */
    private Response accepted(String name) {
        return Response.accepted(queries.summary(queries.campaign(name))).build();
    }
}
