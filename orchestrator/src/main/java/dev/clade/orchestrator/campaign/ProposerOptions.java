package dev.clade.orchestrator.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What a spec says about proposals whatever the proposer: {@code proposer.novelty} (near-copies proposed again) and
 * {@code proposer.recommendEvery} (periodic recommendations of a proposer that calls a model).
 */
final class ProposerOptions {

    /** The two options, read. */
    record Read(Optional<CampaignSpec.Novelty> novelty, int recommendEvery) {}

    private ProposerOptions() {}

    /** Reads both from the {@code proposer} mapping of a spec (empty: neither given). */
    static Read read(Fields f, Optional<JsonNode> proposer, boolean usesModel, boolean memory) {
        return new Read(
                proposer.flatMap(p -> novelty(f, p)),
                proposer.map(p -> recommendEvery(f, p, usesModel, memory)).orElse(0));
    }

    /**
     * {@code proposer.recommendEvery}: experiments between two recommendation calls (0: none); by default {@link
     * CampaignSpec#DEFAULT_RECOMMEND_EVERY} for a proposer that calls a model and keeps lessons, else 0.
     */
    static int recommendEvery(Fields f, JsonNode proposer, boolean usesModel, boolean memory) {
        Optional<Long> given = f.integer(proposer, "proposer", "recommendEvery", 0, 100_000);
        if (given.isPresent() && given.get() > 0 && !usesModel) {
            f.problem(
                    "proposer.recommendEvery",
                    "applies to a proposer that calls a model; the offline proposer writes no recommendations");
        }
        if (given.isPresent() && given.get() > 0 && !memory) {
            f.problem(
                    "proposer.recommendEvery",
                    "recommendations are kept as lessons: it needs memory.enabled (or recommendEvery: 0)");
        }
        return given.map(Long::intValue).orElse(usesModel && memory ? CampaignSpec.DEFAULT_RECOMMEND_EVERY : 0);
    }

    /** {@code proposer.novelty: {threshold, retries}}: rejection of near-copies, for any kind of proposer. */
    static Optional<CampaignSpec.Novelty> novelty(Fields f, JsonNode proposer) {
        Optional<JsonNode> node = f.object(proposer, "proposer", "novelty", false);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        f.onlyKnown(node.get(), "proposer.novelty", Set.of("threshold", "retries"));
        OptionalDouble threshold = f.number(node.get(), "proposer.novelty", "threshold");
        if (threshold.isPresent() && !(threshold.getAsDouble() > 0 && threshold.getAsDouble() <= 1)) {
            f.problem(
                    "proposer.novelty.threshold",
                    threshold.getAsDouble() + " is not allowed; use a cosine similarity above 0 and at most 1"
                            + " (0.99: only near-copies are rejected)");
        }
        Optional<Long> retries = f.integer(node.get(), "proposer.novelty", "retries", 0, 10);
        if (f.problems().stream().anyMatch(p -> p.field().startsWith("proposer.novelty"))) {
            return Optional.empty();
        }
        return Optional.of(new CampaignSpec.Novelty(
                threshold.orElse(CampaignSpec.Novelty.DEFAULT_THRESHOLD),
                retries.orElse((long) CampaignSpec.Novelty.DEFAULT_RETRIES).intValue()));
    }
}
