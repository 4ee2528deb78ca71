package dev.clade.orchestrator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clade.orchestrator.events.Event;
import dev.clade.orchestrator.events.EventLog;
import dev.clade.orchestrator.metrics.CladeMetrics;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Server-sent event streams of the {@link EventLog}. Each event's id is its row id, so a client that reconnects with
 * {@code Last-Event-ID} (or {@code ?since=}) first gets what it missed, from PostgreSQL, then the live ones, none twice.
 */
@Startup // its gauge is scraped from the start
@ApplicationScoped
public class EventStreams {

    static final int REPLAY_LIMIT = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventLog events;

    public EventStreams(EventLog events, CladeMetrics metrics) {
        this.events = events;
        metrics.gauge(
                "clade.sse.clients", "Clients of the event stream connected to this instance", events::subscribers);
    }

    /** The id after which to replay stored events: Last-Event-ID, else {@code since}; empty for live events only. */
    static OptionalLong after(String lastEventId, String since) {
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                return OptionalLong.of(Long.parseLong(lastEventId.strip()));
            } catch (NumberFormatException e) {
                throw new FieldException("Last-Event-ID", "must be an event id, got '" + lastEventId + "'");
            }
        }
        return since == null
                ? OptionalLong.empty()
                : OptionalLong.of(PageRequest.whole("since", since, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    /** Live events from now on; with {@code after} set, first the stored ones after it. */
    void stream(SseEventSink sink, Sse sse, Long campaignId, OptionalLong after) {
        Pump pump = new Pump(sink, sse, campaignId);
        Runnable unsubscribe = events.subscribe(pump::live);
        pump.unsubscribe = unsubscribe;
        List<Event> missed = after.isPresent() ? events.since(campaignId, after.getAsLong(), REPLAY_LIMIT) : List.of();
        pump.replayed(missed, after.orElse(0));
    }

    /** Sends events in id order, once each: the replay first, live events that arrived meanwhile after it. */
    private static final class Pump {
        private final SseEventSink sink;
        private final Sse sse;
        private final Long campaignId;
        private final List<Event> waiting = new ArrayList<>();
        private boolean replaying = true;
        private long sent;
        volatile Runnable unsubscribe;

        Pump(SseEventSink sink, Sse sse, Long campaignId) {
            this.sink = sink;
            this.sse = sse;
            this.campaignId = campaignId;
        }

        synchronized void live(Event e) {
            if (campaignId != null && !matches(e)) {
                return;
            }
            if (replaying) {
                waiting.add(e);
            } else {
                send(e);
            }
        }

        private boolean matches(Event e) {
            return e.campaignId() == campaignId;
        }

        synchronized void replayed(List<Event> missed, long after) {
            sent = after;
            missed.forEach(this::send);
            waiting.forEach(this::send);
            waiting.clear();
            replaying = false;
        }

        private void send(Event e) {
            if (e.id() <= sent || sink.isClosed()) {
                if (sink.isClosed() && unsubscribe != null) {
                    unsubscribe.run();
                }
                return;
            }
            sent = e.id();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", e.id());
            body.put("campaign", e.campaign());
            body.put("kind", e.kind());
            body.put("node", e.node().isPresent() ? e.node().getAsLong() : null);
            body.put("data", e.data());
            body.put("at", e.at().toString());
            String json;
            try {
                json = JSON.writeValueAsString(body);
            } catch (JsonProcessingException ex) {
                return;
            }
            sink.send(sse.newEventBuilder()
                            .id(Long.toString(e.id()))
                            .name(e.kind())
                            .mediaType(MediaType.APPLICATION_JSON_TYPE)
                            .data(json)
                            .build())
                    .whenComplete((ok, failure) -> {
                        if (failure != null && unsubscribe != null) {
                            unsubscribe.run();
                        }
                    });
        }
    }
}
