package dev.clade.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clade.agents.coder.AgentFolder;
import dev.clade.agents.testing.ScriptedOpenAiServer;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.campaign.CampaignState;
import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.events.ProgressListener;
import dev.clade.orchestrator.experiment.ExperimentStore;
import dev.clade.orchestrator.experiment.Folders;
import dev.clade.orchestrator.strategy.NodeState;
import dev.clade.orchestrator.testing.Cli;
import dev.clade.orchestrator.testing.EmbeddedPostgresResource;
import dev.clade.orchestrator.testing.Targets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A self-improvement campaign end to end on two tasks of the shipped benchmark (one Python, one shell), with a scripted
 * model: the root agent's prompt lacks an instruction, so the scripted model writes wrong solutions; the diagnosis
 * reads the failure logs, the root agent adds the instruction to its own prompt, and the child agent, run with it,
 * solves both tasks.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class SelfImprovementCampaignTest extends CampaignTestSupport {

    private static final String MARK = "CHECK-BEFORE-FINISH";
    private static final String FIZZBUZZ = """
            def fizzbuzz(n):
                return [("Fizz" if i % 3 == 0 else "") + ("Buzz" if i % 5 == 0 else "") or str(i)
                        for i in range(1, n + 1)]
            """;
    private static final String GREET = """
            #!/bin/sh
            [ $# -eq 0 ] && set -- world
            for n in "$@"; do echo "Hello, $n!"; done
            """;

    @Inject
    ExperimentStore store;

    @Inject
    dev.clade.orchestrator.config.CladeConfig config;

    private final ScriptedOpenAiServer server = new ScriptedOpenAiServer();

    @AfterEach
    void tearDown() {
        server.close();
        Workspace.delete(Proposers.promotedDir(config));
    }

    private ScriptedOpenAiServer.Answer model(JsonNode request) {
        JsonNode messages = request.path("messages");
        String system = messages.get(0).path("content").asText();
        String task = ScriptedOpenAiServer.taskText(request);
        boolean afterTool =
                messages.get(messages.size() - 1).path("role").asText().equals("tool");
        if (system.startsWith("You diagnose coding agents")) {
            return server.text("The agent finishes without checking its solution (see the failed hidden tests)."
                    + " Add the instruction " + MARK + " to its system prompt.");
        }
        if (task.contains("You are improving yourself")) {
            if (afterTool) {
                return server.toolCall("finish", Map.of("summary", "Check the solution before finishing"));
            }
            String firstLine =
                    AgentFolder.builtIn().systemPrompt().lines().findFirst().orElseThrow();
            return server.toolCall(
                    "apply_edits",
                    Map.of(
                            "edits",
                            "prompts/system.md\n<<<<<<< SEARCH\n" + firstLine + "\n=======\n" + firstLine + "\n" + MARK
                                    + ": run the task's checks before calling finish.\n>>>>>>> REPLACE\n"));
        }
        if (afterTool) {
            return server.toolCall("finish", Map.of("summary", "Solve the task"));
        }
        boolean careful = system.contains(MARK);
        if (task.contains("fizzbuzz")) {
            return server.toolCall(
                    "write_file",
                    Map.of("path", "fizzbuzz.py", "content", careful ? FIZZBUZZ : "def fizzbuzz(n):\n    return []\n"));
        }
        return server.toolCall(
                "write_file",
                Map.of("path", "greet.sh", "content", careful ? GREET : "#!/bin/sh\necho \"Hello, $1!\"\n"));
    }

    @Test
    void should_improve_the_agent_through_its_own_diagnosed_edit() throws Exception {
        Cli.require("python3", List.of(List.of("python3", "--version")));
        server.otherwise(this::model);
        Path bench = dir.resolve("bench");
        for (String task : List.of("py-fizzbuzz", "sh-greet")) {
            Folders.copy(Targets.AGENT_BENCH.resolve(task), bench.resolve(task));
        }
        AgentFolder.writeBuiltIn(dir.resolve("agent"));
        Path spec = dir.resolve("campaign.yaml");
        Files.writeString(spec, """
                name: self-improve-e2e
                goal: Solve more coding tasks.
                target:
                  repo: agent
                  editable: ["agent.yaml", "prompts/**"]
                evaluator:
                  metric: fraction of hidden tests passed
                  direction: maximize
                  agentBenchmark: bench
                  stages:
                    - name: hidden-tests
                      command: sh .clade-hidden/test.sh
                      timeout: 60s
                strategy:
                  kind: greedy
                proposer:
                  kind: self
                  model: {provider: openai, name: scripted, baseUrl: "%s", maxRetries: 0}
                budget:
                  experiments: 1
                memory: {distiller: deterministic}  # the scripted model answers the agents only
                """.formatted(server.baseUrl()));

        RunReport report = runner.run(SpecReader.read(spec), ProgressListener.SILENT);

        assertThat(report.state()).isEqualTo(CampaignState.COMPLETED);
        assertThat(report.baseline().score().getAsDouble()).isLessThan(1.0);
        NodeInfo child = report.best().orElseThrow();
        assertThat(child.number()).isEqualTo(1);
        assertThat(child.state()).isEqualTo(NodeState.SCORED);
        assertThat(child.score()).hasValue(1.0);
        assertThat(child.idea())
                .startsWith("Check the solution before finishing")
                .contains("Diagnosis:", MARK);
        assertThat(child.evaluations()).isEqualTo(2);
        assertThat(store.open(report.repository())
                        .diff(
                                ObjectId.fromString(report.baseCommit()),
                                ObjectId.fromString(child.commitId().orElseThrow())))
                .contains("prompts/system.md", "+" + MARK);

        String diagnosis = server.requests().stream()
                .filter(r -> r.path("messages").get(0).path("content").asText().startsWith("You diagnose"))
                .map(ScriptedOpenAiServer::taskText)
                .findFirst()
                .orElseThrow();
        assertThat(diagnosis).contains("agent clade-coder on task py-fizzbuzz", "> write_file", "first_fifteen");
        // the parent's result as the diagnosis and the self-improvement prompt give it: node 0 was scored
        assertThat(diagnosis)
                .contains("node 0: score " + report.baseline().score().getAsDouble())
                .doesNotContain("not scored");
        assertThat(server.requests().stream()
                        .map(ScriptedOpenAiServer::taskText)
                        .filter(t -> t.contains("You are improving yourself")))
                .isNotEmpty()
                .allSatisfy(t -> assertThat(t)
                        .contains("node 0: score " + report.baseline().score().getAsDouble())
                        .doesNotContain("not scored"));
        // a benchmark task's prompt says its starting code has no score instead of naming a node of the archive
        assertThat(server.requests().stream()
                        .map(ScriptedOpenAiServer::taskText)
                        .filter(t -> t.contains("fizzbuzz")
                                && !t.contains("You are improving yourself")
                                && !t.startsWith("# The agent's files")))
                .isNotEmpty()
                .allSatisfy(t -> assertThat(t)
                        .contains("the task's starting code: it has no score")
                        .doesNotContain("not scored"));
        // The agent solving a task never saw the hidden tests.
        assertThat(server.requests().stream()
                        .filter(r -> !r.path("messages")
                                .get(0)
                                .path("content")
                                .asText()
                                .startsWith("You diagnose"))
                        .map(ScriptedOpenAiServer::taskText)
                        .filter(t -> t.contains("fizzbuzz") && !t.contains("You are improving yourself")))
                .isNotEmpty()
                .noneMatch(t -> t.contains("first_fifteen"));
        assertThat(report.cost().calls()).isGreaterThan(4);
        assertThat(campaigns.find("self-improve-e2e")).isPresent();
        assertThat(archive.all(campaigns.find("self-improve-e2e").orElseThrow().id))
                .hasSize(2);
    }
}
