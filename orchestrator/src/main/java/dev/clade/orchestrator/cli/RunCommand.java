package dev.clade.orchestrator.cli;

import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.campaign.CampaignState;
import dev.clade.orchestrator.campaign.SpecException;
import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.config.CladeConfig;
import dev.clade.orchestrator.engine.Backends;
import dev.clade.orchestrator.engine.CampaignRunner;
import dev.clade.orchestrator.engine.RunReport;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Dependent
@Unremovable
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a campaign until its budget is spent, printing one line per finished experiment.",
            "Running the same command again after the process died resumes the campaign where it stopped;"
                    + " on a completed campaign it prints the summary (raise budget.experiments to go on)."
        })
public class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SPEC", description = "a campaign YAML file, or a folder holding campaign.yaml")
    Path spec;

    @Inject
    CampaignRunner runner;

    @Inject
    Backends backends;

    @Inject
    dev.clade.orchestrator.api.ApiToken token;

    @Inject
    CladeConfig config;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        SpecReader.Loaded loaded;
        try {
            loaded = SpecReader.read(spec);
        } catch (SpecException e) {
            System.err.println("clade: " + e.getMessage());
            return ExitStatus.USAGE;
        }
        CampaignSpec s = loaded.spec();
        out.printf(
                "Campaign %s: %s search, %s proposer, %d experiments, parallelism %d%n",
                s.name(), s.strategy().kind(), s.proposer().kind(), s.budget().experiments(), s.parallelism());
        out.printf("Goal: %s%n", s.goal());
        out.printf("Sandbox: %s%n", backends.isolation());
        out.printf(
                "Live: %s#/c/%s%s%n",
                Addresses.base(),
                s.name(),
                token.generatedNow()
                        ? " (first start: open " + Addresses.base() + "#token=" + token.value() + " once)"
                        : " (the dashboard asks once for the token in " + token.file() + ")");
        RunReport report;
        try {
            report = runner.run(loaded, new ConsoleProgress(out, s.evaluator().direction()));
        } catch (SpecException e) {
            System.err.println("clade: " + e.getMessage());
            return ExitStatus.USAGE;
        } catch (RuntimeException e) {
            if (ExitStatus.SHUTTING_DOWN.get()) {
                System.err.println("clade: interrupted; everything finished so far is stored;"
                        + " run the same command again to resume.");
                return 130;
            }
            List<String> lines = new ArrayList<>();
            List<String> why = FailureReport.explain(e);
            lines.add("the campaign stopped: " + why.get(0));
            lines.addAll(why.subList(1, why.size()));
            lines.add("everything finished so far is stored; run the same command again to resume.");
            FailureReport.print(System.err, config.home(), lines, e);
            return 1;
        }
        new SummaryPrinter(out).print(report);
        return report.state() == CampaignState.COMPLETED ? 0 : 1;
    }
}
