package dev.clade.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.orchestrator.campaign.CampaignState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What readers are served again: the same state's answer always; a moved campaign's only while it runs and the answer
 * is at most the allowed age older; an answer built after the read began; and readers who find none wait for one
 * build instead of each building.
 */
class ReadCacheTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final long MS = 1_000_000L;

    private final AtomicInteger builds = new AtomicInteger();
    private final ReadCache<String> cache = new ReadCache<>(4);

    private static ReadState at(CampaignState state, long nextNode, long millis) {
        return new ReadState(state, null, 0, nextNode, null, nextNode, millis * MS);
    }

    private String read(long campaign, ReadState now, Duration age) {
        return cache.get(campaign, now, age, () -> "built " + builds.incrementAndGet() + " at " + now.nextNode());
    }

    @Test
    void should_serve_the_same_state_again_whatever_its_age() {
        assertThat(read(1, at(CampaignState.COMPLETED, 5, 0), Duration.ZERO)).isEqualTo("built 1 at 5");
        assertThat(read(1, at(CampaignState.COMPLETED, 5, 60_000), Duration.ZERO))
                .isEqualTo("built 1 at 5");
        assertThat(builds).hasValue(1);
    }

    @Test
    void should_serve_a_running_campaign_up_to_the_allowed_age_and_build_anew_after_it() {
        read(1, at(CampaignState.RUNNING, 5, 0), SECOND);
        assertThat(read(1, at(CampaignState.RUNNING, 9, 999), SECOND)).isEqualTo("built 1 at 5");
        assertThat(read(1, at(CampaignState.RUNNING, 12, 1_001), SECOND)).isEqualTo("built 2 at 12");
    }

    @Test
    void should_build_anew_every_state_that_moved_when_no_age_is_allowed() {
        read(1, at(CampaignState.RUNNING, 5, 0), Duration.ZERO);
        assertThat(read(1, at(CampaignState.RUNNING, 6, 1), Duration.ZERO)).isEqualTo("built 2 at 6");
    }

    @Test
    void should_be_exact_once_the_campaign_stops_even_within_the_age() {
        read(1, at(CampaignState.RUNNING, 5, 0), SECOND);
        assertThat(read(1, at(CampaignState.COMPLETED, 7, 10), SECOND)).isEqualTo("built 2 at 7");
        assertThat(read(1, at(CampaignState.PAUSED, 7, 20), SECOND)).isEqualTo("built 3 at 7");
    }

    @Test
    void should_serve_an_answer_built_after_the_read_began() {
        read(1, at(CampaignState.COMPLETED, 8, 100), Duration.ZERO);
        // a reader whose row was read before that answer was built: it is at least as new as what that reader saw
        assertThat(read(1, at(CampaignState.COMPLETED, 7, 50), Duration.ZERO)).isEqualTo("built 1 at 8");
    }

    @Test
    void should_not_serve_a_later_build_of_another_phase() {
        // a reader that found the campaign running, stamped after one that already found it completed
        read(1, at(CampaignState.RUNNING, 7, 100), Duration.ZERO);
        assertThat(read(1, at(CampaignState.COMPLETED, 7, 50), Duration.ZERO)).isEqualTo("built 2 at 7");
    }

    @Test
    void should_keep_each_campaign_apart_and_only_the_most_recently_used() {
        for (long campaign = 1; campaign <= 5; campaign++) {
            read(campaign, at(CampaignState.COMPLETED, campaign, 0), Duration.ZERO);
        }
        assertThat(read(5, at(CampaignState.COMPLETED, 5, 1), Duration.ZERO)).isEqualTo("built 5 at 5");
        assertThat(read(1, at(CampaignState.COMPLETED, 1, 1), Duration.ZERO)).isEqualTo("built 6 at 1"); // evicted
    }

    @Test
    void should_build_once_for_readers_who_all_find_nothing_kept() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        ReadState now = at(CampaignState.RUNNING, 3, 0);
        Thread first = Thread.ofPlatform()
                .start(() -> answers.add(cache.get(1, now, Duration.ZERO, () -> {
                    entered.countDown();
                    await(release);
                    return "built " + builds.incrementAndGet();
                })));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        List<Thread> others = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            others.add(Thread.ofPlatform().start(() -> answers.add(read(1, now, Duration.ZERO))));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (others.stream().anyMatch(t -> t.getState() != Thread.State.BLOCKED) && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // every other reader waits for the build in progress
        }
        assertThat(others).allMatch(t -> t.getState() == Thread.State.BLOCKED);
        release.countDown();
        first.join();
        for (Thread t : others) {
            t.join();
        }
        assertThat(answers).hasSize(9).containsOnly("built 1");
        assertThat(builds).hasValue(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
