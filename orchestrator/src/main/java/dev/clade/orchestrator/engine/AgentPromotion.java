package dev.clade.orchestrator.engine;

import dev.clade.agents.coder.AgentDefinition;
import dev.clade.agents.coder.AgentException;
import dev.clade.agents.coder.AgentFolder;
import dev.clade.orchestrator.archive.ArchiveService;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignService;
import dev.clade.orchestrator.config.CladeConfig;
import dev.clade.orchestrator.experiment.ExperimentStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.eclipse.jgit.lib.ObjectId;

/** Promotes the agent a self-improvement campaign found to be the default agent of llm campaigns. */
@ApplicationScoped
public class AgentPromotion {

    /** Where a promoted agent went. */
    public record Promotion(long node, String agent, Path folder) {}

    private final CladeConfig config;
    private final CampaignService campaigns;
    private final ArchiveService archive;
    private final ExperimentStore store;
    private final CampaignReports reports;

    public AgentPromotion(
            CladeConfig config,
            CampaignService campaigns,
            ArchiveService archive,
            ExperimentStore store,
            CampaignReports reports) {
        this.config = config;
        this.campaigns = campaigns;
        this.archive = archive;
        this.store = store;
        this.reports = reports;
    }

    /**
     * Exports a node of a campaign (its answer by default) to the folder of the default agent, after checking that it
     * is a usable agent; llm campaigns that name no agent use it from then on.
     *
     * @throws IllegalArgumentException when the campaign or node does not exist or is not an agent
     */
    public Promotion promote(String name, OptionalLong number) {
        Campaign campaign = campaigns
                .find(name)
                .orElseThrow(() -> new IllegalArgumentException("no campaign named '" + name + "'"));
        NodeInfo node = number.isPresent()
                ? archive.all(campaign.id).stream()
                        .filter(n -> n.number() == number.getAsLong())
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(
                                "campaign '" + name + "' has no node " + number.getAsLong()))
                : reports.report(campaign.id)
                        .best()
                        .orElse(archive.all(campaign.id).getFirst());
        Path staging = config.work().resolve("promote-" + System.nanoTime());
        try {
            ObjectId commit = ObjectId.fromString(node.commitId()
                    .orElseThrow(() -> new IllegalArgumentException("node " + node.number() + " has no commit")));
            store.open(Path.of(campaign.repoDir)).export(commit, staging);
            AgentDefinition agent;
            try {
                agent = AgentFolder.load(staging);
            } catch (AgentException e) {
                throw new IllegalArgumentException(
                        "node " + node.number() + " of '" + name + "' is not an agent: " + e.getMessage());
            }
            Path target = Proposers.promotedDir(config);
            Workspace.delete(target);
            Files.createDirectories(target.getParent());
            Files.move(staging, target);
            return new Promotion(node.number(), agent.name(), target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot promote node " + node.number(), e);
        } finally {
            Workspace.delete(staging);
        }
    }
}
