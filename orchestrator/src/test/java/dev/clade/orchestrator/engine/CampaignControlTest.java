package dev.clade.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignState;
import dev.clade.orchestrator.events.EventLog;
import dev.clade.orchestrator.events.ProgressListener;
import dev.clade.orchestrator.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Stopping a campaign that the service runs, in its first moments: the cancel below comes as soon as the target is
 * imported (its root stored), which is often while the run starts, after it read the campaign's state and before its
 * loop could be asked to stop. Such a cancel found no loop and wrote the state itself; the run then ran the whole
 * budget anyway and ended the campaign as completed. And the other way round: a stop that reaches a campaign after its
 * run completed is refused, and the campaign stays completed.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class CampaignControlTest extends CampaignTestSupport {

    @Inject
    CampaignControl control;

    @Inject
    EventLog events;

    @Test
    void should_stay_cancelled_when_cancelled_while_its_run_starts() throws IOException {
        Campaign early = control.create(spec("early", "1", 50));
        Awaitility.await()
                .atMost(Duration.ofMinutes(1))
                .until(() -> !archive.all(early.id).isEmpty());

        control.cancel("early");

        Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> !control.launchedHere(early.id));
        assertThat(campaigns.get(early.id).state).isEqualTo(CampaignState.CANCELLED);
        assertThat(events.since(early.id, 0, 1000))
                .filteredOn(e -> e.kind().equals("campaign.state"))
                .extracting(e -> e.data().get("state"))
                .doesNotContain("completed")
                .last()
                .isEqualTo("cancelled");
        assertThat(archive.all(early.id))
                .as("it stopped long before its budget of 50")
                .hasSizeLessThan(10);
    }

    @Test
    void should_refuse_a_stop_that_reaches_a_campaign_after_it_completed() throws IOException {
        runner.run(spec("done", "0", 2), ProgressListener.SILENT);
        Campaign done = control.find("done");
        assertThat(campaigns.get(done.id).state).isEqualTo(CampaignState.COMPLETED);

        // As a pause does that read the campaign running just before its run completed.
        assertThatThrownBy(() -> control.endUnrun(done, CampaignState.PAUSED, "paused on request"))
                .isInstanceOf(CampaignControl.ConflictException.class)
                .hasMessage("campaign 'done' is completed already");

        Campaign after = campaigns.get(done.id);
        assertThat(after.state).isEqualTo(CampaignState.COMPLETED);
        assertThat(after.stopReason).doesNotContain("paused");
        assertThat(events.since(done.id, 0, 1000))
                .filteredOn(e -> e.kind().equals("campaign.state"))
                .extracting(e -> e.data().get("state"))
                .doesNotContain("paused");
    }
}
