package dev.clade.orchestrator.cli;

import dev.clade.agents.coder.AgentFolder;
import dev.clade.orchestrator.engine.AgentPromotion;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Coding agents as folders: start one from the built-in agent, or promote a campaign's best agent to the default. */
@Command(
        name = "agent",
        mixinStandardHelpOptions = true,
        description = "Coding agents: folders with agent.yaml and prompts.",
        subcommands = {AgentCommand.Init.class, AgentCommand.Promote.class})
public class AgentCommand {

    @Command(
            name = "init",
            mixinStandardHelpOptions = true,
            description = "Writes the built-in coding agent into FOLDER, to change it by hand or by self-improvement.")
    static class Init implements Callable<Integer> {

        @Parameters(paramLabel = "FOLDER", description = "where to write agent.yaml and prompts/")
        Path folder;

        @Override
        public Integer call() throws Exception {
            if (Files.exists(folder.resolve(AgentFolder.FILE))) {
                System.err.println("clade: " + folder + " already holds an " + AgentFolder.FILE);
                return 1;
            }
            AgentFolder.writeBuiltIn(folder);
            System.out.println("wrote the built-in agent to " + folder);
            return 0;
        }
    }

    @Dependent
    @Unremovable
    @Command(
            name = "promote",
            mixinStandardHelpOptions = true,
            description = "Makes a self-improvement campaign's agent (its answer, or --node N) the default agent of"
                    + " llm campaigns that name none.")
    public static class Promote implements Callable<Integer> {

        @Parameters(paramLabel = "CAMPAIGN", description = "campaign name")
        String campaign;

        @Option(names = "--node", paramLabel = "N", description = "the node to promote instead of the answer")
        Long node;

        @Inject
        AgentPromotion promotion;

        @Override
        public Integer call() {
            try {
                AgentPromotion.Promotion p =
                        promotion.promote(campaign, node == null ? OptionalLong.empty() : OptionalLong.of(node));
                System.out.printf(
                        "promoted node %d of %s (agent %s) to %s%n", p.node(), campaign, p.agent(), p.folder());
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("clade: " + e.getMessage());
                return 1;
            }
        }
    }
}
