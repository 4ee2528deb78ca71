package dev.clade.orchestrator.api;

import dev.clade.memory.distill.Lesson;
import dev.clade.memory.recall.LessonRecall;
import dev.clade.memory.recall.RecallScope;
import dev.clade.memory.recall.RecalledLesson;
import dev.clade.memory.store.LessonRecord;
import dev.clade.memory.store.LessonStore;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Lessons distilled from evaluated nodes, with their evidence. */
@Path("/api/v1/lessons")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "lessons")
public class LessonResource {

    /**
     * A lesson as the API shows it.
     *
     * @param campaign where it was learned; null for a global lesson
     * @param timesUsed proposals that were given it
     * @param timesHelpful of those, the children that improved on their parent
     * @param limit for a failure blamed on one parameter, the bound to keep it within ({@code x < 6.8})
     */
    public record LessonView(
            long id,
            String campaign,
            String kind,
            String trigger,
            String lesson,
            String suggestedFix,
            int outcomeSign,
            double confidence,
            int timesUsed,
            int timesHelpful,
            String limit,
            List<Lesson.Evidence> evidence) {

        static LessonView of(long id, String campaign, Lesson l, int used, int helpful) {
            return new LessonView(
                    id,
                    campaign,
                    l.kind().name().toLowerCase(Locale.ROOT),
                    l.trigger(),
                    l.lesson(),
                    l.suggestedFix(),
                    l.outcomeSign(),
                    l.confidence(),
                    used,
                    helpful,
                    l.limit().map(Object::toString).orElse(null),
                    l.evidence());
        }

        static LessonView of(LessonRecord r) {
            return of(r.id, r.campaign, LessonStore.toLesson(r), r.timesUsed, r.timesHelpful);
        }

        static LessonView of(RecalledLesson r) {
            return of(r.id(), r.campaign().orElse(null), r.lesson(), r.timesUsed(), r.timesHelpful());
        }
    }

    private final LessonStore lessons;
    private final LessonRecall recall;

    public LessonResource(LessonStore lessons, LessonRecall recall) {
        this.lessons = lessons;
        this.recall = recall;
    }

    @GET
    @Operation(
            summary = "Lessons of one campaign (?campaign=, with the global ones) or all, most confident first; with"
                    + " ?q=, the lessons recall finds for that text (words and meaning), best first")
    public Views.Page<LessonView> list(
            @QueryParam("campaign") String campaign,
            @QueryParam("q") String query,
            @QueryParam("page") @DefaultValue("0") String page,
            @QueryParam("size") @DefaultValue("50") String size) {
        PageRequest request = PageRequest.of(page, size);
        List<LessonView> all = query == null || query.isBlank()
                ? lessons.records(Optional.ofNullable(campaign)).stream()
                        .map(LessonView::of)
                        .toList()
                : recall
                        .recall(
                                campaign == null ? RecallScope.global() : RecallScope.campaign(campaign),
                                query,
                                PageRequest.MAX_SIZE)
                        .stream()
                        .map(LessonView::of)
                        .toList();
        return new Views.Page<>(
                all.stream().skip(request.offset()).limit(request.size()).toList(),
                request.page(),
                request.size(),
                all.size());
    }

    /** The lessons a node produced (its evidence names the node). */
    static List<LessonView> of(LessonStore lessons, String campaign, long node) {
        return lessons.records(Optional.of(campaign)).stream()
                .map(LessonView::of)
                .filter(l -> l.evidence().stream()
                        .anyMatch(e -> e.node() == node && e.campaign().equals(campaign)))
                .toList();
    }
}
