package dev.clade.orchestrator.engine;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Answers about campaigns kept for the readers who ask again: one answer per campaign (the most recently used {@code
 * capacity} campaigns), reused while the campaign's {@link ReadState} says it still holds. Readers that find none
 * that holds build one at a time per campaign: the others wait for it and take it, instead of each building the same
 * answer at once.
 */
public final class ReadCache<V> {

    private record Kept<V>(ReadState state, V value) {}

    private static final int STRIPES = 64;

    private final Map<Long, Kept<V>> kept;
    private final Object[] building = new Object[STRIPES];

    public ReadCache(int capacity) {
        this.kept = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Kept<V>> eldest) {
                return size() > capacity;
            }
        });
        for (int i = 0; i < STRIPES; i++) {
            building[i] = new Object();
        }
    }

    /**
     * The campaign's kept answer if it answers a read at {@code now} (allowing {@code liveAge} while the campaign
     * runs), else one built now by {@code build} and kept.
     */
    public V get(long campaignId, ReadState now, Duration liveAge, Supplier<V> build) {
        Kept<V> k = kept.get(campaignId);
        if (k != null && now.answeredBy(k.state(), liveAge)) {
            return k.value();
        }
        synchronized (building[Math.floorMod(Long.hashCode(campaignId), STRIPES)]) {
            k = kept.get(campaignId); // another reader may have built it while this one waited
            if (k != null && now.answeredBy(k.state(), liveAge)) {
                return k.value();
            }
            V value = build.get();
            kept.put(campaignId, new Kept<>(now, value));
            return value;
        }
    }
}
