package dev.clade.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.knowledge.search.KnowledgeSearch;
import dev.clade.knowledge.store.KnowledgeBase;
import dev.clade.orchestrator.archive.ArchiveService;
import dev.clade.orchestrator.campaign.CampaignService;
import dev.clade.orchestrator.engine.CampaignRunner;
import dev.clade.orchestrator.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clade bench memory} end to end, at a small size: real campaigns with memory off and on, then retrieval over
 * the sample corpus. The figures themselves are for the command to print; here they must only be sane.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class MemoryBenchTest {

    @Inject
    CampaignRunner runner;

    @Inject
    CampaignService campaigns;

    @Inject
    ArchiveService archive;

    @Inject
    KnowledgeBase base;

    @Inject
    KnowledgeSearch search;

    @TempDir
    Path dir;

    @Test
    void should_run_the_same_seeds_with_memory_off_and_on() {
        List<MemoryBench.Run> told = new ArrayList<>();

        List<MemoryBench.Run> runs = new MemoryBench(runner, campaigns, archive)
                .run(new MemoryBench.Settings(1, 30), dir, "membench", told::add);

        assertThat(runs).isEqualTo(told).hasSize(2);
        MemoryBench.Run off = runs.get(0);
        MemoryBench.Run on = runs.get(1);
        assertThat(off.memory()).isFalse();
        assertThat(on.memory()).isTrue();
        assertThat(List.of(off, on)).allSatisfy(r -> {
            assertThat(r.nodes()).isEqualTo(30);
            assertThat(r.best()).isPresent();
        });
        assertThat(off.failures())
                .as("the target's failure mode is reached without memory")
                .isPositive();
        assertThat(on.repeated()).isLessThanOrEqualTo(off.repeated());
    }

    @Test
    void should_find_most_labelled_pages_among_the_first_five() {
        RetrievalBench.Result result = new RetrievalBench(base, search).run(dir);

        assertThat(result.queries()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(result.recallAtK()).isGreaterThanOrEqualTo(0.8);
    }
}
