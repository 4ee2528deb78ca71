package dev.clade.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignState;
import dev.clade.orchestrator.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Failover's rules, on campaigns stored running that no process runs (as after {@code kill -9} of their instance):
 * one is adopted on its second look, not its first, and runs to its budget; one whose repository this instance cannot
 * reach is paused with a reason that says why, not run.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class AdoptionTest extends CampaignTestSupport {

    @Inject
    Adoption adoption;

    @Inject
    CampaignControl control;

    @Test
    void should_adopt_an_orphaned_campaign_on_a_later_look_and_run_it_to_its_budget() throws IOException {
        Campaign orphan = runner.create(spec("orphan", "0", 3));
        java.util.function.Predicate<Campaign> mine = c -> c.id == orphan.id; // other tests' campaigns stay as they are

        adoption.look(mine);
        assertThat(control.launchedHere(orphan.id))
                .as("a campaign seen orphaned once may be between its creation and its lease")
                .isFalse();
        for (int look = 0; look < 20 && !control.launchedHere(orphan.id) && running(orphan); look++) {
            adoption.look(mine);
        }

        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> !running(orphan));
        assertThat(campaigns.get(orphan.id).state).isEqualTo(CampaignState.COMPLETED);
        assertThat(archive.all(orphan.id)).extracting(NodeInfo::number).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void should_pause_a_campaign_whose_repository_this_instance_cannot_reach() throws IOException {
        Campaign lost = runner.create(spec("lost", "0", 2));
        try (Stream<Path> files = Files.walk(Path.of(lost.repoDir))) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        for (int look = 0; look < 20 && running(lost); look++) {
            adoption.look(c -> c.id == lost.id);
        }

        Campaign after = campaigns.get(lost.id);
        assertThat(after.state).isEqualTo(CampaignState.PAUSED);
        assertThat(after.stopReason)
                .contains("cannot reach the campaign's git repository at " + lost.repoDir)
                .contains("must share one $CLADE_HOME");
        assertThat(control.launchedHere(lost.id)).isFalse();
    }

    private boolean running(Campaign c) {
        return campaigns.get(c.id).state == CampaignState.RUNNING;
    }
}
