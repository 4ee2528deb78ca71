package dev.clade.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clade.orchestrator.api.ApiToken;
import dev.clade.orchestrator.engine.CampaignRunner;
import dev.clade.orchestrator.testing.EmbeddedPostgresResource;
import dev.clade.orchestrator.timing.Part;
import dev.clade.orchestrator.timing.Timings;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clade bench overhead} end to end, at a small size: real campaigns timed by the loop's stopwatch, an archive
 * grown by simulated nodes, readers over HTTP. The figures are for the command to print; here they must be sane:
 * every experiment counted, the parts inside the whole, the grown archive really read. Bad settings name what is wrong.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class OverheadBenchTest {

    @Inject
    CampaignRunner runner;

    @Inject
    Timings timings;

    @Inject
    DataSource database;

    @Inject
    ApiToken token;

    @TestHTTPResource("/")
    URL base;

    @TempDir
    Path dir;

    @Test
    void should_time_every_experiment_by_its_parts_beside_one_copy_of_the_tree() {
        OverheadBench bench = new OverheadBench(runner, timings, database);
        OverheadBench.Settings settings = new OverheadBench.Settings(List.of(50), 6, List.of(2), List.of(30), 3);
        List<OverheadBench.SizeRow> told = new ArrayList<>();

        List<OverheadBench.SizeRow> rows = bench.sizes(settings, dir, "ovbench", told::add);

        assertThat(rows).isEqualTo(told).hasSize(1);
        OverheadBench.SizeRow row = rows.getFirst();
        assertThat(row.files()).isEqualTo(50);
        assertThat(row.experiments()).isEqualTo(7); // the six experiments and the root's baseline evaluation
        assertThat(row.copy()).isPositive();
        assertThat(row.overhead().median())
                .isPositive()
                .isLessThanOrEqualTo(row.overhead().p90());
        assertThat(row.parts().get(Part.STAGES)).isPositive();
        assertThat(row.parts().get(Part.CHECKOUT)).isPositive();
        assertThat(row.parts().get(Part.COMMIT)).isPositive();
        assertThat(timings.of("ovbench-files-50").experiments())
                .allSatisfy(t -> assertThat(t.of(Part.STAGES) + t.of(Part.CHECKOUT) + t.of(Part.DATABASE))
                        .isLessThanOrEqualTo(t.totalNanos()));
    }

    @Test
    void should_run_experiments_on_an_archive_grown_to_the_size_asked_for() {
        OverheadBench bench = new OverheadBench(runner, timings, database);
        OverheadBench.Settings settings = new OverheadBench.Settings(List.of(10), 5, List.of(2), List.of(40), 3);

        List<OverheadBench.ArchiveRow> rows = bench.archives(settings, dir, "ovarch", r -> {});

        assertThat(rows).extracting(OverheadBench.ArchiveRow::strategy).containsExactly("greedy", "dgm", "hgm");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.nodes()).isEqualTo(40);
            assertThat(r.decision()).isPositive();
            assertThat(r.experiment()).isPositive();
        });
        // the root and node 1 run first, 40 simulated nodes, then 3 measured: the budget counted the simulated ones
        assertThat(timings.of("ovarch-greedy-40").experiments()).hasSize(1 + 1 + 3);
    }

    @Test
    void should_read_a_running_campaign_over_http_without_a_failed_answer() {
        OverheadBench bench = new OverheadBench(runner, timings, database);

        OverheadBench.ReadersRow row = bench.readers(dir, "ovread", 50, 4, 10, base.toString(), token.value());

        assertThat(row.alonePerSecond()).isPositive();
        assertThat(row.readPerSecond()).isPositive();
        assertThat(row.kinds()).containsOnlyKeys("list", "tree", "node");
        assertThat(row.kinds().values()).allSatisfy(k -> {
            assertThat(k.nanos()).isNotEmpty();
            assertThat(k.failures()).isZero();
        });
        assertThat(row.maxResidentBytes()).isPositive();
    }

    @Test
    void should_refuse_settings_out_of_range_naming_them() {
        assertThatThrownBy(() -> new OverheadBench.Settings(List.of(2), 30, List.of(8), List.of(100), 15))
                .hasMessageContaining("repository sizes must be between 3 and 100000 files, got [2]");
        assertThatThrownBy(() -> new OverheadBench.Settings(List.of(10), 4, List.of(8), List.of(100), 15))
                .hasMessageContaining("experiments must be between 5 and 1000, got 4");
        assertThatThrownBy(() -> new OverheadBench.Settings(List.of(10), 30, List.of(0), List.of(100), 15))
                .hasMessageContaining("workers must be between 1 and 64, got [0]");
        assertThatThrownBy(() -> new OverheadBench.Settings(List.of(10), 30, List.of(8), List.of(0), 15))
                .hasMessageContaining("archive sizes must be between 1 and 100000 nodes, got [0]");
        assertThatThrownBy(() -> new OverheadBench.Settings(List.of(10), 30, List.of(8), List.of(100), 2))
                .hasMessageContaining("experiments per archive must be between 3 and 1000, got 2");
    }
}
