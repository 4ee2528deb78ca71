package dev.clade.orchestrator.api;

import dev.clade.orchestrator.archive.ArchiveService;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignService;
import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.campaign.ProposerSpec;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The archive of agents: every version of the agent in self-improvement campaigns, with its score. */
@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "agents")
public class AgentResource {

    /** One version of an agent: a node of a self-improvement campaign. */
    public record AgentVersion(
            String campaign,
            long node,
            Long parent,
            String state,
            Double score,
            int tasksEvaluated,
            String idea,
            String branch) {}

    private final CampaignService campaigns;
    private final ArchiveService archive;

    public AgentResource(CampaignService campaigns, ArchiveService archive) {
        this.campaigns = campaigns;
        this.archive = archive;
    }

    @GET
    @Operation(summary = "Agent versions of every self-improvement campaign (proposer.kind self), best first")
    public List<AgentVersion> list() {
        List<AgentVersion> out = new ArrayList<>();
        for (Campaign c : campaigns.list()) {
            CampaignSpec spec = CampaignService.spec(c).spec();
            if (!(spec.proposer() instanceof ProposerSpec.Self)) {
                continue;
            }
            for (NodeInfo n : archive.all(c.id)) {
                out.add(new AgentVersion(
                        c.name,
                        n.number(),
                        n.parent().orElse(null),
                        n.state().name().toLowerCase(java.util.Locale.ROOT),
                        n.score().isPresent() ? n.score().getAsDouble() : null,
                        n.evaluations(),
                        n.idea().lines().findFirst().orElse(""),
                        n.branch().orElse(null)));
            }
        }
        out.sort((a, b) -> Double.compare(
                b.score() == null ? Double.NEGATIVE_INFINITY : b.score(),
                a.score() == null ? Double.NEGATIVE_INFINITY : a.score()));
        return out;
    }
}
