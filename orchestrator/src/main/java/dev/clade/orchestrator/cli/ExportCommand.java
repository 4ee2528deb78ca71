package dev.clade.orchestrator.cli;

import dev.clade.orchestrator.archive.ArchiveService;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignService;
import dev.clade.orchestrator.engine.CampaignReports;
import dev.clade.orchestrator.experiment.ExperimentStore;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Dependent
@Unremovable
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description =
                "Pushes a campaign's branches (by default its answer's) to a git remote: a URL or a repository path.")
public class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CAMPAIGN", description = "campaign name")
    String name;

    @Option(names = "--to", required = true, paramLabel = "REMOTE", description = "git URL or repository path")
    String remote;

    @Option(names = "--node", paramLabel = "N", description = "a node to export (repeatable)")
    List<Long> nodes = new ArrayList<>();

    @Option(names = "--all", description = "every branch of the campaign")
    boolean all;

    @Inject
    CampaignService campaigns;

    @Inject
    ArchiveService archive;

    @Inject
    CampaignReports reports;

    @Inject
    ExperimentStore store;

    @Override
    public Integer call() {
        Optional<Campaign> campaign = campaigns.find(name);
        if (campaign.isEmpty()) {
            System.err.println("clade: no campaign named '" + name + "'");
            return 1;
        }
        List<String> branches = new ArrayList<>();
        List<NodeInfo> known = archive.all(campaign.get().id);
        if (all) {
            known.forEach(n -> n.branch().ifPresent(branches::add));
        } else if (!nodes.isEmpty()) {
            for (long number : nodes) {
                Optional<String> branch = known.stream()
                        .filter(n -> n.number() == number)
                        .findFirst()
                        .flatMap(NodeInfo::branch);
                if (branch.isEmpty()) {
                    System.err.println("clade: campaign '" + name + "' has no branch for node " + number);
                    return 1;
                }
                branches.add(branch.get());
            }
        } else {
            reports.report(campaign.get().id).best().flatMap(NodeInfo::branch).ifPresent(branches::add);
        }
        if (branches.isEmpty()) {
            System.err.println("clade: nothing to export: campaign '" + name + "' has no branch beyond its baseline");
            return 1;
        }
        Map<String, String> pushed = store.open(Path.of(campaign.get().repoDir)).push(remote, branches);
        pushed.forEach((branch, outcome) -> System.out.printf("%s -> %s: %s%n", branch, remote, outcome));
        return pushed.values().stream().allMatch(o -> o.equals("ok") || o.equals("up to date")) ? 0 : 1;
    }
}
