package dev.clade.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.orchestrator.archive.CodeEmbeddings;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.campaign.CampaignState;
import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.events.ProgressListener;
import dev.clade.orchestrator.strategy.IslandMap;
import dev.clade.orchestrator.testing.EmbeddedPostgresResource;
import dev.clade.orchestrator.testing.Targets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Population search with the offline proposer on the quadratic target: islands whose grid is over the built-in
 * novelty feature, and novelty rejection proposing a near-copy again before anything evaluates it.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class PopulationCampaignTest extends CampaignTestSupport {

    @Inject
    CodeEmbeddings embeddings;

    @Inject
    CampaignReports reports;

    private SpecReader.Loaded spec(String name, String strategy, String novelty, int experiments) throws IOException {
        Path target = Targets.quadratic(dir.resolve("target-" + name), "0");
        String yaml = Targets.spec(name, target, experiments, 1)
                .replaceAll("strategy:\n  kind: greedy\n  params: \\{[^}]*}\n", strategy)
                .replace("proposer:\n  kind: offline\n", "proposer:\n  kind: offline\n" + novelty);
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, yaml);
        return SpecReader.read(file);
    }

    @Test
    void should_place_nodes_by_novelty_on_their_islands() throws IOException {
        RunReport report = runner.run(
                spec(
                        "islands-novelty",
                        "strategy:\n  kind: islands\n  params: {islands: 2, bins: 4,"
                                + " features: [novelty, {name: x, min: -10, max: 10}]}\n",
                        "",
                        10),
                ProgressListener.SILENT);

        assertThat(report.state()).isEqualTo(CampaignState.COMPLETED);
        long id = campaigns.find("islands-novelty").orElseThrow().id;
        List<NodeInfo> nodes = archive.all(id);
        assertThat(nodes.subList(1, nodes.size())).allSatisfy(n -> {
            assertThat(n.island()).isBetween(0, 1);
            assertThat(n.traits()).containsKeys("novelty", "x");
            assertThat(n.traits().get("novelty")).isBetween(0.0, 1.0);
        });
        // the first node of each island has no peer on its island: it is as new as can be
        assertThat(archive.node(id, 1).traits()).containsEntry("novelty", 1.0);
        assertThat(embeddings.of(id)).hasSize(10);
        IslandMap map = reports.islands(id).orElseThrow();
        assertThat(map.members(0).size() + map.members(1).size()).isEqualTo(10);
        assertThat(map.bounds()).containsOnlyKeys("novelty", "x");
    }

    @Test
    void should_propose_near_copies_again_and_evaluate_the_last_try_when_retries_run_out() throws IOException {
        // threshold 0.1: every change of one number in the same file is a near-copy of the node before it
        RunReport report = runner.run(
                spec(
                        "novelty-retries",
                        "strategy:\n  kind: greedy\n  params: {drafts: 1, debugProbability: 0}\n",
                        "  novelty: {threshold: 0.1, retries: 2}\n",
                        4),
                ProgressListener.SILENT);

        assertThat(report.state()).isEqualTo(CampaignState.COMPLETED);
        long id = campaigns.find("novelty-retries").orElseThrow().id;
        assertThat(archive.node(id, 1).meta()).doesNotContainKey("nearCopies"); // nothing to copy yet
        for (long n = 2; n <= 4; n++) {
            assertThat(archive.node(id, n).meta()).as("node %d", n).containsEntry("nearCopies", "2");
            assertThat(archive.node(id, n).score()).isPresent();
        }
        assertThat(report.nearCopies()).isEqualTo(6);
        assertThat(report.experiments()).isEqualTo(4);
    }
}
