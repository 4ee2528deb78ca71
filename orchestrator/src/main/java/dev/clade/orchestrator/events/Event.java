package dev.clade.orchestrator.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One thing that happened in a campaign, as the live stream sends it.
 *
 * @param id increasing over all campaigns; the SSE event id a client sends back as {@code Last-Event-ID}
 * @param campaignId the campaign's row id; {@code campaign} is its name
 * @param kind one of {@code campaign.state}, {@code node.proposed}, {@code evaluation.started}, {@code
 *     evaluation.finished}, {@code node.finished}, {@code best.changed}, {@code holdout.scored}, {@code campaign.note}
 *     (progress that is not a node's: the import of the target, a resume)
 * @param data the event's fields (state, score, idea, task, ...), all plain JSON values
 */
public record Event(
        long id,
        long campaignId,
        String campaign,
        String kind,
        OptionalLong node,
        Map<String, Object> data,
        Instant at) {
    public Event {
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(kind, "kind");
        data = Map.copyOf(data);
    }
}
