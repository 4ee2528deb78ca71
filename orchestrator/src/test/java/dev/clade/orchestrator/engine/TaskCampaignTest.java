package dev.clade.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.memory.store.LessonStore;
import dev.clade.orchestrator.archive.CampaignPlan;
import dev.clade.orchestrator.archive.Evaluation;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.archive.Reservation;
import dev.clade.orchestrator.archive.Spending;
import dev.clade.orchestrator.campaign.CampaignState;
import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.events.ProgressListener;
import dev.clade.orchestrator.strategy.Decision;
import dev.clade.orchestrator.strategy.NodeState;
import dev.clade.orchestrator.strategy.StrategyCatalog;
import dev.clade.orchestrator.testing.EmbeddedPostgresResource;
import dev.clade.orchestrator.testing.Targets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Campaigns whose evaluator declares tasks, run by the task-level strategies. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class TaskCampaignTest extends CampaignTestSupport {

    @Inject
    LessonStore lessons;

    @Test
    void should_evaluate_every_task_of_every_node_with_dgm_and_average_the_scores() throws IOException {
        RunReport report = runner.run(spec("dgm-tasks", "dgm", 4, 100), ProgressListener.SILENT);

        assertThat(report.state()).isEqualTo(CampaignState.COMPLETED);
        List<NodeInfo> nodes = archive.all(campaigns.find("dgm-tasks").orElseThrow().id);
        assertThat(nodes).hasSize(5).allMatch(n -> n.evaluations() == 4);
        // Root: x = 0.5, so task tN scores -6.25 - N; the mean over t0..t3 is -7.75.
        assertThat(nodes.getFirst().score()).hasValue(-7.75);
        List<Evaluation> rows = records.evaluations(nodes.getFirst().id());
        assertThat(rows.stream().filter(e -> !e.holdout).map(e -> e.task).distinct())
                .containsExactlyInAnyOrder("t0", "t1", "t2", "t3");
        assertThat(rows.stream()
                        .filter(e -> "full".equals(e.stage) && "t3".equals(e.task))
                        .findFirst()
                        .orElseThrow()
                        .score)
                .isEqualTo(-9.25);
    }

    @Test
    void should_run_hgm_task_by_task_within_the_evaluation_budget() throws IOException {
        RunReport report = runner.run(spec("hgm-tasks", "hgm", 4, 14), ProgressListener.SILENT);

        assertThat(report.state()).isEqualTo(CampaignState.COMPLETED);
        List<NodeInfo> nodes = archive.all(campaigns.find("hgm-tasks").orElseThrow().id);
        assertThat(nodes.stream().mapToInt(NodeInfo::evaluations).sum()).isEqualTo(14);
        assertThat(nodes).hasSizeLessThanOrEqualTo(5);
        assertThat(nodes).allMatch(n -> n.evaluations() <= 4);
        NodeInfo answer = report.best().orElseThrow();
        assertThat(answer.evaluations()).isGreaterThanOrEqualTo(3);
        assertThat(report.bestHoldout()).isPresent();
        // Each task evaluation against the parent's score on the same task taught something about x.
        assertThat(lessons.records(Optional.of("hgm-tasks")))
                .filteredOn(r -> "hgm-tasks".equals(r.campaign))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.trigger).startsWith("x "));
    }

    @Test
    void should_rerun_a_task_evaluation_a_crash_left_running() throws IOException {
        SpecReader.Loaded loaded = spec("hgm-crash", "hgm", 2, 2);
        runner.run(loaded, ProgressListener.SILENT);
        long id = campaigns.find("hgm-crash").orElseThrow().id;
        SpecReader.Loaded more = spec("hgm-crash", "hgm", 2, 6);
        CampaignPlan plan =
                CampaignPlan.of(more.spec(), StrategyCatalog.create(more.spec().strategy()));
        // A process killed right after reserving the evaluation of the root on task t3.
        Reservation crashed = archive.reserve(id, plan, Spending.none(), view -> new Decision.Evaluate(0, "t3"));
        assertThat(crashed).isInstanceOf(Reservation.EvaluationReserved.class);

        RunReport report = runner.run(more, ProgressListener.SILENT);

        assertThat(report.state()).isEqualTo(CampaignState.COMPLETED);
        NodeInfo root = archive.node(id, 0);
        assertThat(root.state()).isEqualTo(NodeState.SCORED);
        assertThat(archive.all(id).stream().mapToInt(NodeInfo::evaluations).sum())
                .isEqualTo(6);
        assertThat(records.evaluations(root.id()).stream().filter(e -> "t3".equals(e.task) && !e.holdout))
                .isNotEmpty();
    }

    private SpecReader.Loaded spec(String name, String strategy, int experiments, int evaluations) throws IOException {
        Path target = dir.resolve(name + "-target");
        if (!Files.exists(target)) {
            Targets.withTasks(target);
        }
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, Targets.taskSpec(name, target, strategy, experiments, evaluations));
        return SpecReader.read(file);
    }
}
