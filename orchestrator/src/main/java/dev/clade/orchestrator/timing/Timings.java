package dev.clade.orchestrator.timing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The experiments' times of every campaign run in this process, by campaign name. */
@ApplicationScoped
public class Timings {

    private final Map<String, CampaignTimes> campaigns = new ConcurrentHashMap<>();

    public CampaignTimes of(String campaign) {
        return campaigns.computeIfAbsent(campaign, c -> new CampaignTimes());
    }
}
