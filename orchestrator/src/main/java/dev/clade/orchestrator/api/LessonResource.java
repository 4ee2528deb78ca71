package dev.clade.orchestrator.api;

import dev.clade.memory.distill.Lesson;
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

    /** A lesson as the API shows it. */
    public record LessonView(
            String kind,
            String trigger,
            String lesson,
            String suggestedFix,
            int outcomeSign,
            double confidence,
            List<Lesson.Evidence> evidence) {

        static LessonView of(Lesson l) {
            return new LessonView(
                    l.kind().name().toLowerCase(Locale.ROOT),
                    l.trigger(),
                    l.lesson(),
                    l.suggestedFix(),
                    l.outcomeSign(),
                    l.confidence(),
                    l.evidence());
        }
    }

    private final LessonStore lessons;

    public LessonResource(LessonStore lessons) {
        this.lessons = lessons;
    }

    @GET
    @Operation(summary = "Lessons, most confident first; of one campaign with ?campaign=, containing ?q= text")
    public Views.Page<LessonView> list(
            @QueryParam("campaign") String campaign,
            @QueryParam("q") String query,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0 || size < 1 || size > CampaignResource.MAX_PAGE) {
            throw new IllegalArgumentException("page must be >= 0 and size between 1 and " + CampaignResource.MAX_PAGE);
        }
        String needle = query == null ? "" : query.toLowerCase(Locale.ROOT).strip();
        List<LessonView> all = lessons.list(Optional.ofNullable(campaign)).stream()
                .filter(l -> needle.isEmpty()
                        || (l.trigger() + " " + l.lesson())
                                .toLowerCase(Locale.ROOT)
                                .contains(needle))
                .map(LessonView::of)
                .toList();
        return new Views.Page<>(
                all.stream().skip((long) page * size).limit(size).toList(), page, size, all.size());
    }

    /** The lessons a node produced (its evidence names the node). */
    static List<LessonView> of(LessonStore lessons, String campaign, long node) {
        return lessons.list(Optional.of(campaign)).stream()
                .filter(l -> l.evidence().stream().anyMatch(e -> e.node() == node))
                .map(LessonView::of)
                .toList();
    }
}
