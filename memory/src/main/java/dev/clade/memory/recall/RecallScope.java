package dev.clade.memory.recall;

import java.util.Objects;
import java.util.Optional;

/**
 * Which lessons a recall may return: one campaign's and the global ones, or every campaign's ({@code
 * everyCampaign}, the campaign spec's {@code memory.scope: global}).
 */
public record RecallScope(Optional<String> campaign, boolean everyCampaign) {

    public RecallScope {
        Objects.requireNonNull(campaign, "campaign");
        if (campaign.isEmpty() && !everyCampaign) {
            throw new IllegalArgumentException("a campaign scope needs the campaign");
        }
    }

    public static RecallScope campaign(String name) {
        return new RecallScope(Optional.of(name), false);
    }

    public static RecallScope global() {
        return new RecallScope(Optional.empty(), true);
    }
}
