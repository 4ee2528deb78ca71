package dev.clade.orchestrator.guidance;

import dev.clade.agents.proposer.Guidance;
import dev.clade.knowledge.search.KnowledgeSearch;
import dev.clade.memory.recall.LessonRecall;
import dev.clade.memory.recall.RecalledLesson;
import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.metrics.CladeMetrics;
import java.util.List;
import java.util.Set;

/** The agent's lookup tools ({@code recall_lessons}, {@code search_knowledge}) for one campaign's proposals. */
final class GuidanceLookup implements Guidance.Lookup {

    private final CampaignSpec spec;
    private final LessonRecall recall;
    private final KnowledgeSearch search;
    private final CladeMetrics metrics;

    GuidanceLookup(CampaignSpec spec, LessonRecall recall, KnowledgeSearch search, CladeMetrics metrics) {
        this.spec = spec;
        this.recall = recall;
        this.search = search;
        this.metrics = metrics;
    }

    @Override
    public List<RecalledLesson> lessons(String query) {
        List<RecalledLesson> found = spec.memory().enabled()
                ? recall.recall(GuidanceService.scope(spec), query, GuidanceService.LOOKUP_LESSONS)
                : List.of();
        metrics.lessonsRecalled(found.size());
        return found;
    }

    @Override
    public List<Guidance.PageExcerpt> knowledge(String query) {
        return search.search(query, GuidanceService.LOOKUP_PAGES, Set.of()).stream()
                .map(GuidanceService::excerpt)
                .toList();
    }
}
