package dev.clade.orchestrator.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clade.orchestrator.campaign.Campaign;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Campaign events: stored in PostgreSQL (so a client that reconnects gets what it missed, also after a restart) and
 * handed to the live subscribers of this process as they happen. Publishing never fails the campaign: a lost event is
 * logged, not thrown.
 */
@ApplicationScoped
public class EventLog {

    private static final Logger LOG = Logger.getLogger(EventLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EntityManager em;
    private final List<Consumer<Event>> subscribers = new CopyOnWriteArrayList<>();
    /** Campaign names by id: a name never changes, and every event carries its campaign's. */
    private final Map<Long, String> names = new java.util.concurrent.ConcurrentHashMap<>();

    public EventLog(EntityManager em) {
        this.em = em;
    }

    public void publish(long campaignId, String kind, OptionalLong node, Map<String, Object> data) {
        Event event;
        try {
            event = store(campaignId, kind, node, data);
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not store the %s event of campaign %d", kind, campaignId);
            return;
        }
        for (Consumer<Event> s : subscribers) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                LOG.debugf(e, "an event subscriber failed");
            }
        }
    }

    @Transactional
    Event store(long campaignId, String kind, OptionalLong node, Map<String, Object> data) {
        EventRecord r = new EventRecord();
        r.campaignId = campaignId;
        r.kind = kind;
        r.nodeNumber = node.isPresent() ? node.getAsLong() : null;
        try {
            r.data = JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data is not JSON: " + data, e);
        }
        r.createdAt = Instant.now();
        r.persist();
        em.flush();
        return toEvent(r, names.computeIfAbsent(campaignId, id -> em.find(Campaign.class, id).name));
    }

    /** Events after {@code afterId}, oldest first, at most {@code limit}; of one campaign or (null) of all. */
    @Transactional
    public List<Event> since(Long campaignId, long afterId, int limit) {
        String where = campaignId == null ? "" : " and e.campaignId = :campaign";
        var query = em.createQuery(
                        "select e, c.name from EventRecord e, Campaign c where c.id = e.campaignId and e.id > :after"
                                + where + " order by e.id",
                        Object[].class)
                .setParameter("after", afterId)
                .setMaxResults(limit);
        if (campaignId != null) {
            query.setParameter("campaign", campaignId);
        }
        return query.getResultList().stream()
                .map(row -> toEvent((EventRecord) row[0], (String) row[1]))
                .toList();
    }

    /** How many live subscribers (event-stream clients) this process has now. */
    public int subscribers() {
        return subscribers.size();
    }

    /** Calls {@code subscriber} with every event published from now on, until the returned handle is run. */
    public Runnable subscribe(Consumer<Event> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    private static Event toEvent(EventRecord r, String campaign) {
        Map<String, Object> data;
        try {
            data = JSON.readValue(r.data, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            data = Map.of();
        }
        return new Event(
                r.id,
                r.campaignId,
                campaign,
                r.kind,
                r.nodeNumber == null ? OptionalLong.empty() : OptionalLong.of(r.nodeNumber),
                data.entrySet().stream()
                        .filter(en -> en.getValue() != null)
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                r.createdAt);
    }
}
