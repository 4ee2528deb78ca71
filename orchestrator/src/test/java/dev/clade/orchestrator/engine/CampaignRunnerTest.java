package dev.clade.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clade.agents.proposer.Operator;
import dev.clade.orchestrator.archive.CampaignPlan;
import dev.clade.orchestrator.archive.Evaluation;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.archive.Reservation;
import dev.clade.orchestrator.archive.Spending;
import dev.clade.orchestrator.campaign.CampaignState;
import dev.clade.orchestrator.campaign.SpecException;
import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.events.ProgressListener;
import dev.clade.orchestrator.experiment.CommitMessage;
import dev.clade.orchestrator.experiment.ExperimentRepository;
import dev.clade.orchestrator.experiment.ExperimentStore;
import dev.clade.orchestrator.strategy.Decision;
import dev.clade.orchestrator.strategy.GreedySearch;
import dev.clade.orchestrator.strategy.NodeState;
import dev.clade.orchestrator.testing.EmbeddedPostgresResource;
import dev.clade.orchestrator.testing.Targets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class CampaignRunnerTest extends CampaignTestSupport {

    @Inject
    ExperimentStore store;

    @Inject
    dev.clade.orchestrator.config.CladeConfig config;

    @Test
    void should_run_a_campaign_to_its_budget_with_one_branch_per_experiment() throws IOException {
        SpecReader.Loaded spec = spec("quadratic", 8, 2);

        RunReport report = runner.run(spec, ProgressListener.SILENT);

        assertThat(report.state()).isEqualTo(CampaignState.COMPLETED);
        assertThat(report.experiments()).isEqualTo(8);
        assertThat(report.baseline().score()).hasValue(-6.25);
        assertThat(report.best()).isPresent();
        assertThat(report.best().get().score().getAsDouble()).isGreaterThan(-6.25);
        assertThat(report.baselineHoldout()).hasValue(-6.25);
        assertThat(report.bestHoldout()).hasValue(report.best().get().score().getAsDouble());

        ExperimentRepository repo = store.open(report.repository());
        List<NodeInfo> nodes = archive.all(campaigns.find("quadratic").orElseThrow().id);
        assertThat(nodes).extracting(NodeInfo::number).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(nodes).allMatch(n -> n.state().finished());
        List<String> committed =
                nodes.stream().flatMap(n -> n.branch().stream()).toList();
        assertThat(repo.branches("clade/quadratic/")).containsExactlyInAnyOrderElementsOf(committed);
        NodeInfo best = report.best().get();
        String message =
                repo.message(repo.branchHead(best.branch().orElseThrow()).orElseThrow());
        Map<String, String> trailers = CommitMessage.trailers(message);
        assertThat(trailers)
                .containsEntry("Clade-Campaign", "quadratic")
                .containsEntry("Clade-Node", Long.toString(best.number()))
                .containsEntry("Clade-Parent", Long.toString(best.parent().orElseThrow()))
                .containsKey("Clade-Score");
        assertThat(repo.diff(
                        ObjectId.fromString(report.baseCommit()),
                        ObjectId.fromString(best.commitId().orElseThrow())))
                .contains("params.txt")
                .contains("-x = 0.5");
    }

    @Test
    void should_store_every_stage_with_its_logs() throws IOException {
        runner.run(spec("logged", 2, 1), ProgressListener.SILENT);

        NodeInfo root = archive.node(campaigns.find("logged").orElseThrow().id, 0);
        List<Evaluation> rows = records.evaluations(root.id());
        assertThat(rows).extracting(e -> e.stage).containsExactly("smoke", "full", "holdout");
        Evaluation full = rows.get(1);
        assertThat(full.outcome).isEqualTo("SCORED");
        assertThat(full.metrics).contains("\"x\"");
        assertThat(full.feedback).startsWith("x is 0.5");
        assertThat(Path.of(full.stdoutLog)).content().contains("\"score\"");
    }

    @Test
    void should_resume_a_crashed_campaign_without_losing_or_duplicating_nodes() throws IOException {
        runner.run(spec("resumed", 2, 1), ProgressListener.SILENT);
        long id = campaigns.find("resumed").orElseThrow().id;
        // A process killed right after reserving node 3: the node is counted but was never proposed.
        CampaignPlan plan = CampaignPlan.of(spec("resumed", 5, 2).spec(), new GreedySearch(2, 0.2, 2));
        Reservation crashed =
                archive.reserve(id, plan, Spending.none(), view -> new Decision.Expand(0, Operator.DRAFT));
        assertThat(crashed).isInstanceOf(Reservation.Reserved.class);

        RunReport report = runner.run(spec("resumed", 5, 2), ProgressListener.SILENT);

        assertThat(report.state()).isEqualTo(CampaignState.COMPLETED);
        List<NodeInfo> nodes = archive.all(id);
        assertThat(nodes).extracting(NodeInfo::number).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(nodes.get(3).state()).isNotEqualTo(NodeState.PROPOSING);
        assertThat(store.open(report.repository()).branches("clade/resumed/")).hasSize((int)
                nodes.stream().filter(n -> n.branch().isPresent()).count());
    }

    @Test
    void should_refuse_a_rerun_whose_spec_changed_beyond_budget() throws IOException {
        runner.run(spec("changed", 1, 1), ProgressListener.SILENT);
        String text = Files.readString(dir.resolve("changed.yaml")).replace("bring x close to 3", "another goal");
        Files.writeString(dir.resolve("changed.yaml"), text);

        assertThatThrownBy(() -> runner.run(SpecReader.read(dir.resolve("changed.yaml")), ProgressListener.SILENT))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("changed: goal");
    }

    @Test
    void should_never_import_clade_own_data_or_a_system_folder() throws IOException {
        for (Path forbidden : List.of(config.home(), Path.of("/proc/self"), Path.of("/sys"))) {
            String name = "forbidden-" + forbidden.getFileName();
            Files.writeString(dir.resolve(name + ".yaml"), Targets.spec(name, forbidden, 1, 1));

            assertThatThrownBy(() -> runner.run(SpecReader.read(dir.resolve(name + ".yaml")), ProgressListener.SILENT))
                    .isInstanceOfSatisfying(
                            SpecException.class,
                            e -> assertThat(e.fieldProblems()).singleElement().satisfies(p -> {
                                assertThat(p.field()).isEqualTo("target.repo");
                                assertThat(p.message()).containsAnyOf("Clade's own data", "a system folder");
                            }));
            assertThat(campaigns.find(name)).isEmpty();
        }
    }

    @Test
    void should_fail_nodes_whose_evaluator_crashes_and_still_finish_the_campaign() throws IOException {
        Path target = Targets.quadratic(dir.resolve("crashing"), "0");
        Files.writeString(target.resolve("score.sh"), "echo 'Traceback: boom' >&2; exit 3\n");
        Files.writeString(dir.resolve("crashing.yaml"), Targets.spec("crashing", target, 3, 1));

        RunReport report = runner.run(SpecReader.read(dir.resolve("crashing.yaml")), ProgressListener.SILENT);

        assertThat(report.state()).isEqualTo(CampaignState.COMPLETED);
        assertThat(report.best()).isEmpty();
        assertThat(report.countsByState()).containsEntry("FAILED", 3L);
        assertThat(report.baseline().reason()).contains("exited with code 3").contains("Traceback: boom");
    }

    @Test
    void should_void_a_stage_that_rewrites_the_evaluators_own_files() throws IOException {
        Path target = Targets.quadratic(dir.resolve("gaming"), "0");
        Files.writeString(
                dir.resolve("gaming.yaml"),
                Targets.spec("gaming", target, 1, 1)
                        .replace(
                                "test -f params.txt && echo '{\"score\": 1}'",
                                "printf 'echo {\\\"score\\\": 1000}\\n' > score.sh; echo '{\"score\": 1}'"));

        RunReport report = runner.run(SpecReader.read(dir.resolve("gaming.yaml")), ProgressListener.SILENT);

        assertThat(report.baseline().state()).isEqualTo(NodeState.FAILED);
        assertThat(report.baseline().reason())
                .contains("stage 'smoke' modified files pinned to the campaign's base commit")
                .contains("score.sh");
        assertThat(report.best()).isEmpty();
    }

    @Test
    void should_refuse_a_stage_that_asks_for_more_gpus_than_the_machine_has() throws IOException {
        Path target = Targets.quadratic(dir.resolve("greedy-gpus"), "0");
        Files.writeString(
                dir.resolve("gpus.yaml"),
                Targets.spec("gpus", target, 1, 1)
                        .replace("  metric: negative squared error\n", "  metric: e\n  resources: {gpus: 64}\n"));

        RunReport report = runner.run(SpecReader.read(dir.resolve("gpus.yaml")), ProgressListener.SILENT);

        assertThat(report.baseline().state()).isEqualTo(NodeState.FAILED);
        assertThat(report.baseline().reason()).contains("refused to run").contains("64 GPUs");
    }

    private SpecReader.Loaded spec(String name, int experiments, int parallelism) throws IOException {
        Path target = dir.resolve(name + "-target");
        if (!Files.exists(target)) {
            Targets.quadratic(target, "0");
        }
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, Targets.spec(name, target, experiments, parallelism));
        return SpecReader.read(file);
    }
}
