package dev.clade.orchestrator.api;

import dev.clade.knowledge.KnowledgeException;
import dev.clade.knowledge.ingest.IngestResult;
import dev.clade.knowledge.page.PageType;
import dev.clade.knowledge.search.KnowledgeHit;
import dev.clade.knowledge.search.KnowledgeSearch;
import dev.clade.knowledge.store.KnowledgeBase;
import dev.clade.knowledge.store.PageRecord;
import dev.clade.knowledge.store.SourceRecord;
import dev.clade.orchestrator.engine.TargetPolicy;
import dev.clade.orchestrator.guidance.KnowledgeService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The knowledge base: hybrid search, pages with their links, sources and their ingestion. */
@Path("/api/v1/knowledge")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "knowledge")
public class KnowledgeResource {

    static final int EXCERPT_CHARS = 600;
    static final int MAX_LIMIT = 50;

    /** A search result. */
    public record HitView(
            long id,
            String key,
            String title,
            String type,
            String format,
            String source,
            String excerpt,
            double score,
            String via) {
        static HitView of(KnowledgeHit h) {
            return new HitView(
                    h.id(),
                    h.key(),
                    h.title(),
                    lower(h.type().name()),
                    h.format(),
                    h.source(),
                    h.excerpt(EXCERPT_CHARS),
                    h.score(),
                    h.via());
        }
    }

    /** Search results and the size of the knowledge base. */
    public record SearchView(List<HitView> hits, long pages) {}

    /** A page another page links to, or is linked from. */
    public record PageRef(long id, String title, String type) {
        static PageRef of(PageRecord p) {
            return new PageRef(p.id, p.title, lower(p.type));
        }
    }

    /** A whole page. */
    public record PageView(
            long id,
            String key,
            String title,
            String type,
            String format,
            String source,
            String body,
            List<PageRef> linksTo,
            List<PageRef> linkedFrom) {}

    /** An ingested source. */
    public record SourceView(String location, int pages, List<IngestResult.Skipped> skipped, Instant ingestedAt) {
        static SourceView of(SourceRecord s) {
            return new SourceView(s.location, s.pages, KnowledgeBase.skipped(s), s.ingestedAt);
        }
    }

    /** What to ingest. */
    public record IngestRequest(String location) {}

    /** What an ingestion stored. */
    public record IngestView(
            String location, int pages, int links, Map<String, Integer> byType, List<IngestResult.Skipped> skipped) {}

    private final KnowledgeSearch search;
    private final KnowledgeBase base;
    private final KnowledgeService knowledge;
    private final TargetPolicy policy;

    public KnowledgeResource(
            KnowledgeSearch search, KnowledgeBase base, KnowledgeService knowledge, TargetPolicy policy) {
        this.policy = policy;
        this.search = search;
        this.base = base;
        this.knowledge = knowledge;
    }

    @GET
    @Operation(summary = "Pages matching ?q= by words and meaning, best first; ?type= (comma-separated) filters")
    public SearchView search(
            @QueryParam("q") String query,
            @QueryParam("type") String types,
            @QueryParam("limit") @DefaultValue("10") String limitText) {
        if (query == null || query.isBlank()) {
            throw new FieldException("q", "required: the text to search for");
        }
        int limit = (int) PageRequest.whole("limit", limitText, 1, MAX_LIMIT);
        List<HitView> hits = search.search(query, limit, types(types)).stream()
                .map(HitView::of)
                .toList();
        return new SearchView(hits, search.pages());
    }

    @GET
    @Path("pages/{id}")
    @Operation(summary = "A page with its body, the pages it links to and the pages that link to it")
    public PageView page(@PathParam("id") long id) {
        KnowledgeBase.PageWithLinks p =
                base.page(id).orElseThrow(() -> new NoSuchElementException("no knowledge page " + id));
        return new PageView(
                p.page().id,
                p.page().key,
                p.page().title,
                lower(p.page().type),
                p.page().format,
                p.sourceLocation() + ": " + p.page().location,
                p.page().body,
                p.linksTo().stream().map(PageRef::of).toList(),
                p.linkedFrom().stream().map(PageRef::of).toList());
    }

    @GET
    @Path("sources")
    @Operation(summary = "The ingested sources, most recent first, with the files their ingestion left out")
    public List<SourceView> sources() {
        return base.sources().stream().map(SourceView::of).toList();
    }

    @POST
    @Path("sources")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ingests a folder or file on the server's host, or a git URL; again replaces its pages")
    public Response ingest(IngestRequest request) {
        if (request == null || request.location() == null || request.location().isBlank()) {
            return Problem.response(
                    Response.Status.BAD_REQUEST,
                    "invalid ingestion request",
                    List.of(new Problem.FieldError("location", "required: a folder, a file or a git URL")));
        }
        policy.problem("location", request.location().strip()).ifPresent(p -> {
            throw new FieldException(p.field(), p.message());
        });
        KnowledgeBase.Stored stored;
        try {
            stored = knowledge.ingest(request.location().strip());
        } catch (KnowledgeException e) {
            return Problem.response(
                    Response.Status.BAD_REQUEST,
                    "cannot ingest",
                    List.of(new Problem.FieldError("location", e.getMessage())));
        }
        Map<String, Integer> byType = new java.util.TreeMap<>();
        stored.byType().forEach((t, n) -> byType.put(lower(t.name()), n));
        return Response.created(URI.create("/api/v1/knowledge/sources"))
                .entity(new IngestView(stored.location(), stored.pages(), stored.links(), byType, stored.skipped()))
                .build();
    }

    private static Set<PageType> types(String list) {
        Set<PageType> out = new HashSet<>();
        if (list == null || list.isBlank()) {
            return out;
        }
        for (String t : list.split(",")) {
            try {
                out.add(PageType.valueOf(t.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new FieldException(
                        "type",
                        "'" + t.strip() + "' is not a page type; use "
                                + String.join(
                                        ", ",
                                        Arrays.stream(PageType.values())
                                                .map(p -> lower(p.name()))
                                                .toList()));
            }
        }
        return out;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
