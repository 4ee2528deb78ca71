package dev.clade.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.campaign.CampaignState;
import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.events.ProgressListener;
import dev.clade.orchestrator.testing.Cli;
import dev.clade.orchestrator.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A campaign whose evaluator is an OpenEvolve-style {@code evaluate(program_path)} function, run by Clade's runner in
 * the strongest sandbox of this host, through the whole loop: every experiment scored by the function's {@code
 * combined_score}, with its artifacts as the node's feedback.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class PeerCampaignTest extends CampaignTestSupport {

    @Test
    void should_run_a_campaign_scored_by_an_evaluator_function() throws Exception {
        Cli.require("python3", List.of(List.of("python3", "--version")));
        Path problem = Files.createDirectories(dir.resolve("function-min"));
        Files.writeString(problem.resolve("initial_program.py"), """
                # clade:params begin
                x = 0.5    # [-10, 10]
                # clade:params end

                def solve():
                    return x
                """);
        Files.writeString(problem.resolve("evaluator.py"), """
                import importlib.util
                from openevolve.evaluation_result import EvaluationResult

                def evaluate(program_path):
                    spec = importlib.util.spec_from_file_location("program", program_path)
                    program = importlib.util.module_from_spec(spec)
                    spec.loader.exec_module(program)
                    x = program.solve()
                    return EvaluationResult(metrics={"combined_score": -(x - 3) ** 2, "x": x},
                                            artifacts={"distance": "x is %.3f from 3" % abs(x - 3)})
                """);
        Path spec = dir.resolve("campaign.yaml");
        Files.writeString(spec, """
                name: function-min
                goal: bring x close to 3
                target:
                  repo: %s
                  editable: [initial_program.py]
                  program: initial_program.py
                evaluator:
                  stages:
                    - name: evaluate
                      python: {file: evaluator.py, function: evaluate}
                      timeout: 30s
                budget: {experiments: 8}
                seed: 5
                """.formatted(problem));

        RunReport report = runner.run(SpecReader.read(spec), ProgressListener.SILENT);

        assertThat(report.state()).isEqualTo(CampaignState.COMPLETED);
        long id = campaigns.find("function-min").orElseThrow().id;
        List<NodeInfo> nodes = archive.all(id);
        assertThat(nodes.getFirst().score()).hasValue(-6.25);
        assertThat(nodes.getFirst().feedback()).isEqualTo("distance: x is 2.500 from 3");
        assertThat(nodes).hasSize(9).allSatisfy(n -> assertThat(n.score()).isPresent());
        assertThat(report.best().orElseThrow().score().getAsDouble()).isGreaterThan(-6.25);
    }
}
