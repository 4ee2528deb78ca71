package dev.clade.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.campaign.CampaignState;
import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.evaluation.EvaluationResult;
import dev.clade.orchestrator.events.ProgressListener;
import dev.clade.orchestrator.strategy.Direction;
import dev.clade.orchestrator.testing.EmbeddedPostgresResource;
import dev.clade.orchestrator.testing.Targets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * While a campaign runs, its archive is kept in memory beside PostgreSQL and read from there: after every finished node
 * and task evaluation of real campaigns (greedy evaluating nodes whole, hgm task by task), memory and a fresh load
 * from PostgreSQL agree, node for node and on the evaluations the budget counts.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class LiveArchiveTest extends CampaignTestSupport {

    @Test
    void should_agree_with_postgresql_after_every_node_of_a_greedy_campaign() throws IOException {
        Path target = Targets.quadratic(dir.resolve("greedy-target"), "0");
        Path spec = dir.resolve("live-greedy.yaml");
        Files.writeString(spec, Targets.spec("live-greedy", target, 10, 1));

        List<Boolean> checks = run(spec, "live-greedy");

        assertThat(checks).hasSize(11).containsOnly(true);
    }

    @Test
    void should_agree_with_postgresql_after_every_task_of_an_hgm_campaign() throws IOException {
        Path target = Targets.withTasks(dir.resolve("hgm-target"));
        Path spec = dir.resolve("live-hgm.yaml");
        Files.writeString(
                spec, Targets.taskSpec("live-hgm", target, "hgm", 6, 16).replace("parallelism: 2", "parallelism: 1"));

        List<Boolean> checks = run(spec, "live-hgm");

        assertThat(checks).hasSizeGreaterThanOrEqualTo(16).containsOnly(true);
    }

    private List<Boolean> run(Path spec, String name) {
        List<Boolean> checks = new CopyOnWriteArrayList<>();
        ProgressListener check = new ProgressListener() {
            @Override
            public void nodeFinished(NodeInfo node, Optional<NodeInfo> best, long finished, int budget) {
                checks.add(agrees(name));
            }

            @Override
            public void taskFinished(
                    NodeInfo node,
                    String task,
                    EvaluationResult result,
                    Optional<NodeInfo> best,
                    long evaluations,
                    long budget) {
                checks.add(agrees(name));
            }
        };
        RunReport report = runner.run(SpecReader.read(spec), check);
        assertThat(report.state()).isEqualTo(CampaignState.COMPLETED);
        return checks;
    }

    private boolean agrees(String name) {
        return archive.liveAgrees(campaigns.find(name).orElseThrow().id, Direction.MAXIMIZE);
    }
}
