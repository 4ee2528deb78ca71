package dev.clade.orchestrator.guidance;

import dev.clade.memory.distill.Lesson;
import dev.clade.memory.distill.LessonKind;
import dev.clade.memory.store.LessonStore;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.campaign.CampaignSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A campaign's periodic recommendations, kept as lessons of kind {@code recommendation} (one per line the model wrote,
 * each with its own trigger, "recommended after N experiments #i"), which {@link GuidanceService} gives the next
 * proposals and rates like every lesson.
 */
@ApplicationScoped
public class RecommendationStore {

    private final LessonStore lessons;

    public RecommendationStore(LessonStore lessons) {
        this.lessons = lessons;
    }

    /** Whether the campaign holds the recommendations written after node {@code after} already. */
    public boolean written(CampaignSpec spec, long after) {
        return lessons.records(Optional.of(spec.name())).stream()
                .anyMatch(r -> LessonKind.RECOMMENDATION.name().equals(r.kind) && r.trigger.startsWith(prefix(after)));
    }

    /** Stores recommendations written after {@code node}. */
    public void store(CampaignSpec spec, NodeInfo node, List<String> recommendations, String model) {
        List<Lesson> written = new ArrayList<>();
        for (int i = 0; i < recommendations.size(); i++) {
            written.add(new Lesson(
                    LessonKind.RECOMMENDATION,
                    prefix(node.number()) + (i + 1),
                    recommendations.get(i),
                    "",
                    0,
                    List.of(new Lesson.Evidence(
                            spec.name(), node.number(), node.commitId().orElse(""))),
                    0.5));
        }
        if (!written.isEmpty()) {
            lessons.learn(spec.name(), written, model);
        }
    }

    private static String prefix(long after) {
        return "recommended after " + after + " experiments #";
    }
}
