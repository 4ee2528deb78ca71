package dev.clade.orchestrator.cli;

import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignService;
import dev.clade.orchestrator.engine.CampaignReports;
import dev.clade.orchestrator.engine.RunReport;
import dev.clade.orchestrator.strategy.ArchiveView;
import dev.clade.orchestrator.strategy.IslandMap;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Dependent
@Unremovable
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Lists campaigns, or shows one campaign's summary.")
public class StatusCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CAMPAIGN", arity = "0..1", description = "campaign name")
    String name;

    @picocli.CommandLine.Option(
            names = "--nodes",
            description = "with CAMPAIGN: also print the archive tree with scores, evaluations and CMP estimates")
    boolean nodes;

    @Inject
    CampaignService campaigns;

    @Inject
    CampaignReports reports;

    @Override
    public Integer call() {
        if (name != null) {
            Optional<Campaign> campaign = campaigns.find(name);
            if (campaign.isEmpty()) {
                System.err.println("clade: no campaign named '" + name + "'");
                return 1;
            }
            long id = campaign.get().id;
            new SummaryPrinter(System.out).print(reports.report(id));
            ArchiveView view = reports.view(id);
            Optional<IslandMap> islands = reports.islands(id, view);
            islands.ifPresent(map -> new IslandSummary(System.out).print(map));
            if (nodes) {
                System.out.println();
                new ArchiveTable(System.out).print(view, islands);
            }
            return 0;
        }
        List<Campaign> all = campaigns.list();
        if (all.isEmpty()) {
            System.out.println("No campaigns yet. Start one with: clade run <campaign.yaml>");
            return 0;
        }
        System.out.printf("%-24s %-10s %-12s %-14s %-14s%n", "CAMPAIGN", "STATE", "EXPERIMENTS", "BASELINE", "BEST");
        for (Campaign c : all) {
            RunReport r = reports.report(c.id);
            System.out.printf(
                    "%-24s %-10s %-12s %-14s %-14s%n",
                    c.name,
                    c.state.name().toLowerCase(),
                    r.experiments() + "/" + r.budget(),
                    r.baseline().score().isPresent()
                            ? Numbers.format(r.baseline().score().getAsDouble())
                            : "-",
                    r.best()
                            .map(b -> Numbers.format(b.score().getAsDouble()) + " (node " + b.number() + ")")
                            .orElse("-"));
        }
        return 0;
    }
}
