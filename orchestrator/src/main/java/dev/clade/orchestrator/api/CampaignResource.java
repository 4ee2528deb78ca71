package dev.clade.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clade.orchestrator.archive.ArchiveService;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignService;
import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.engine.CampaignControl;
import dev.clade.orchestrator.engine.CampaignReports;
import dev.clade.orchestrator.engine.RunReport;
import dev.clade.orchestrator.experiment.ExperimentStore;
import dev.clade.orchestrator.strategy.ArchiveView;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Campaigns: create from a spec, list, inspect, and pause, resume or cancel them. */
@Path("/api/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "campaigns")
@SecurityRequirement(name = "bearer")
public class CampaignResource {

    static final int MAX_PAGE = 200;
    static final long MAX_LOG_BYTES = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());

    private final CampaignControl control;
    private final CampaignService campaigns;
    private final CampaignReports reports;
    private final ArchiveService archive;
    private final ExperimentStore store;
    private final EventStreams streams;
    private final dev.clade.memory.store.LessonStore lessons;

    public CampaignResource(
            CampaignControl control,
            CampaignService campaigns,
            CampaignReports reports,
            ArchiveService archive,
            ExperimentStore store,
            EventStreams streams,
            dev.clade.memory.store.LessonStore lessons) {
        this.streams = streams;
        this.lessons = lessons;
        this.control = control;
        this.campaigns = campaigns;
        this.reports = reports;
        this.archive = archive;
        this.store = store;
    }

    @GET
    @Operation(summary = "List campaigns, newest first")
    public Views.Page<Views.CampaignSummary> list(
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE) {
            throw new IllegalArgumentException("page must be >= 0 and size between 1 and " + MAX_PAGE);
        }
        List<Campaign> all = campaigns.list();
        List<Views.CampaignSummary> items = all.stream()
                .skip((long) page * size)
                .limit(size)
                .map(this::summary)
                .toList();
        return new Views.Page<>(items, page, size, all.size());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a campaign from a spec (the YAML document as JSON) and start it")
    public Response create(JsonNode spec, UriInfo uri) {
        if (spec == null || !spec.isObject()) {
            throw new IllegalArgumentException("the body must be a campaign spec as a JSON object");
        }
        SpecReader.Loaded loaded =
                SpecReader.parse(spec, java.nio.file.Path.of("").toAbsolutePath(), "request body");
        Campaign c = control.create(loaded);
        return Response.created(uri.getAbsolutePathBuilder().path(c.name).build())
                .entity(summary(campaigns.get(c.id)))
                .build();
    }

    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml"})
    @Operation(summary = "Create a campaign from a spec in YAML, as clade run reads it, and start it")
    public Response createFromYaml(String yaml, UriInfo uri) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml == null ? "" : yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        return create(tree, uri);
    }

    @GET
    @Path("{name}")
    @Operation(summary = "A campaign with its spec, progress, budget used, best node and holdout scores")
    public Views.CampaignDetail get(@PathParam("name") String name) {
        Campaign c = control.find(name);
        RunReport r = reports.report(c.id);
        JsonNode spec;
        try {
            spec = JSON.readTree(c.spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Views.CampaignDetail(
                summary(c),
                spec,
                c.repoDir,
                c.baseCommit,
                r.baselineHoldout().isPresent() ? r.baselineHoldout().getAsDouble() : null,
                r.bestHoldout().isPresent() ? r.bestHoldout().getAsDouble() : null,
                r.best().flatMap(NodeInfo::branch).orElse(null));
    }

    @POST
    @Path("{name}/pause")
    @Operation(summary = "Pause a running campaign: no new work starts, work in flight finishes")
    public Response pause(@PathParam("name") String name) {
        control.pause(name);
        return Response.accepted(summary(control.find(name))).build();
    }

    @POST
    @Path("{name}/resume")
    @Operation(summary = "Resume a paused campaign (or start one that no process runs)")
    public Response resume(@PathParam("name") String name) {
        control.resume(name);
        return Response.accepted(summary(control.find(name))).build();
    }

    @POST
    @Path("{name}/cancel")
    @Operation(summary = "Cancel a running or paused campaign for good")
    public Response cancel(@PathParam("name") String name) {
        control.cancel(name);
        return Response.accepted(summary(control.find(name))).build();
    }

    @GET
    @Path("{name}/tree")
    @Operation(summary = "The archive tree: every node with its parent, score, evaluations and CMP estimate")
    public List<Views.TreeNode> tree(@PathParam("name") String name) {
        Campaign c = control.find(name);
        ArchiveView view = reports.view(c.id);
        Map<Long, double[]> clades = view.cladeUtilities();
        List<Views.TreeNode> out = new ArrayList<>();
        for (NodeInfo n : archive.all(c.id)) {
            double[] clade = clades.getOrDefault(n.number(), new double[2]);
            out.add(new Views.TreeNode(
                    n.number(),
                    n.parent().orElse(null),
                    n.operator().label(),
                    n.state().name().toLowerCase(java.util.Locale.ROOT),
                    n.score().isPresent() ? n.score().getAsDouble() : null,
                    n.evaluations(),
                    n.evaluations() > 0 ? n.utilitySum() / n.evaluations() : null,
                    (1 + clade[0]) / (2 + clade[1]),
                    (long) clade[1],
                    n.idea().lines().findFirst().orElse(""),
                    n.branch().orElse(null)));
        }
        return out;
    }

    @GET
    @Path("{name}/nodes/{number}")
    @Operation(summary = "A node: idea, stage results per task, metrics, and its diff against its parent")
    public Views.NodeDetail node(@PathParam("name") String name, @PathParam("number") long number) {
        Campaign c = control.find(name);
        NodeInfo n = find(c, number);
        String diff = "";
        if (n.parent().isPresent() && n.commitId().isPresent()) {
            NodeInfo parent = find(c, n.parent().get());
            diff = store.open(java.nio.file.Path.of(c.repoDir))
                    .diff(
                            ObjectId.fromString(parent.commitId().orElse(c.baseCommit)),
                            ObjectId.fromString(n.commitId().get()));
        }
        return new Views.NodeDetail(
                n.number(),
                n.parent().orElse(null),
                n.operator().label(),
                n.state().name().toLowerCase(java.util.Locale.ROOT),
                n.score().isPresent() ? n.score().getAsDouble() : null,
                n.idea(),
                n.reason(),
                n.feedback(),
                n.meta(),
                n.branch().orElse(null),
                n.commitId().orElse(null),
                n.evaluations(),
                archive.evaluations(n.id()).stream().map(Views.StageView::of).toList(),
                diff,
                LessonResource.of(lessons, c.name, n.number()));
    }

    @GET
    @Path("{name}/nodes/{number}/logs/{stage}/{stream}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The log of one stage run (its id from the node's stages): stdout or stderr, at most 1 MiB")
    public String log(
            @PathParam("name") String name,
            @PathParam("number") long number,
            @PathParam("stage") long stageId,
            @PathParam("stream") String stream) {
        Campaign c = control.find(name);
        NodeInfo n = find(c, number);
        var run = archive.evaluations(n.id()).stream()
                .filter(e -> e.id == stageId)
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("node " + number + " has no stage run " + stageId));
        String file = switch (stream) {
            case "stdout" -> run.stdoutLog;
            case "stderr" -> run.stderrLog;
            default -> throw new IllegalArgumentException("stream must be stdout or stderr, got '" + stream + "'");
        };
        if (file == null || !Files.isRegularFile(java.nio.file.Path.of(file))) {
            throw new NoSuchElementException("the " + stream + " log of stage run " + stageId + " is gone");
        }
        try (var in = Files.newInputStream(java.nio.file.Path.of(file))) {
            byte[] bytes = in.readNBytes((int) MAX_LOG_BYTES);
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Blocking
    @Path("{name}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Events of one campaign, live; replays what a reconnecting client missed (Last-Event-ID)")
    public void events(
            @PathParam("name") String name,
            @Context SseEventSink sink,
            @Context Sse sse,
            @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("since") Long since) {
        streams.stream(sink, sse, control.find(name).id, EventStreams.after(lastEventId, since));
    }

    private NodeInfo find(Campaign c, long number) {
        return archive.all(c.id).stream()
                .filter(n -> n.number() == number)
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("campaign '" + c.name + "' has no node " + number));
    }

    private Views.CampaignSummary summary(Campaign c) {
        return Views.CampaignSummary.of(
                c,
                reports.report(c.id),
                CampaignService.spec(c).spec().strategy().kind());
    }
}
