package dev.clade.orchestrator.api;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Live events of every campaign over server-sent events (one campaign's: {@code /api/v1/campaigns/{name}/events}). */
@Path("/api/v1/events")
@Tag(name = "events")
public class EventResource {

    private final EventStreams streams;

    public EventResource(EventStreams streams) {
        this.streams = streams;
    }

    @GET
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Events of every campaign, live; replays what a reconnecting client missed")
    public void all(
            @Context SseEventSink sink,
            @Context Sse sse,
            @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("since") String since) {
        streams.stream(sink, sse, null, EventStreams.after(lastEventId, since));
    }
}
