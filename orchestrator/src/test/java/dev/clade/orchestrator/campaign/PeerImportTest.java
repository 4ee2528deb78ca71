package dev.clade.orchestrator.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clade.orchestrator.strategy.StrategySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Specs written from peers' problem folders: what maps, what is named as not mapped, and that the spec reads. */
class PeerImportTest {

    @TempDir
    Path dir;

    @Test
    void should_map_an_openevolve_cascade_and_name_every_setting_it_cannot_map() throws IOException {
        Path problem = Files.createDirectories(dir.resolve("cascade"));
        Files.writeString(problem.resolve("initial_program.py"), "# EVOLVE-BLOCK-START\nx = 1\n# EVOLVE-BLOCK-END\n");
        Files.writeString(problem.resolve("evaluator.py"), """
                def evaluate_stage1(path):
                    return {"combined_score": 0.1}

                def evaluate_stage2(path):
                    return {"combined_score": 0.2}
                """);
        Files.writeString(problem.resolve("config.yaml"), """
                max_iterations: 12
                random_seed: 3
                evaluator:
                  timeout: 20
                  cascade_evaluation: true
                  cascade_thresholds: [0.5, 0.8]
                  parallel_evaluations: 200
                llm:
                  models: [{name: gpt-4.1-mini, weight: 1.0}]
                database:
                  num_islands: 4
                  migration_interval: 15
                  migration_rate: 0.2
                  feature_dimensions: [complexity, diversity, score]
                  feature_bins: 5
                  exploitation_ratio: 0.6
                  exploration_ratio: 0.3
                log_level: INFO
                """);

        assertThat(PeerImport.detect(problem)).hasValue(PeerImport.Peer.OPENEVOLVE);
        PeerImport.Imported imported = PeerImport.of(PeerImport.Peer.OPENEVOLVE, problem);
        Files.writeString(problem.resolve("campaign.yaml"), imported.yaml());
        CampaignSpec spec = SpecReader.read(problem).spec();

        assertThat(spec.name()).isEqualTo("cascade");
        assertThat(spec.budget().experiments()).isEqualTo(12);
        assertThat(spec.seed()).isEqualTo(3);
        assertThat(spec.parallelism()).isEqualTo(64);
        assertThat(spec.target().program()).hasValue("initial_program.py");
        assertThat(spec.evaluator().stages())
                .extracting(CampaignSpec.Stage::name)
                .containsExactly("stage1", "stage2");
        assertThat(spec.evaluator().stages().getFirst().threshold()).hasValue(0.5);
        assertThat(spec.evaluator().stages().getFirst().timeout()).hasSeconds(20);
        assertThat(spec.evaluator().files()).containsExactly("/evaluator.py");
        // OpenEvolve's islands and grid: complexity is Clade's lines, diversity its novelty, other names metrics
        assertThat(spec.strategy())
                .isEqualTo(new StrategySpec.Islands(
                        4,
                        5,
                        0.6,
                        0.3,
                        0.1,
                        10,
                        60, // 15 generations of each of 4 islands
                        0.2,
                        List.of(
                                StrategySpec.Feature.of("lines"),
                                StrategySpec.Feature.of("novelty"),
                                StrategySpec.Feature.of("score")),
                        StrategySpec.Selection.RATIOS));
        assertThat(imported.unmapped())
                .anySatisfy(u -> assertThat(u).startsWith("llm (models=").contains("offline proposer"))
                .anySatisfy(u -> assertThat(u).isEqualTo("log_level: \"INFO\" (no counterpart in Clade)"))
                .anySatisfy(u -> assertThat(u)
                        .isEqualTo("database.migration_interval: 15 generations of each island, which is 60 experiments"
                                + " over 4 islands (mapped so)"))
                .hasSize(3);
    }

    @Test
    void should_map_a_shinka_launch_script_and_name_a_missing_program() throws IOException {
        Path problem = Files.createDirectories(dir.resolve("shinka-problem"));
        Files.writeString(problem.resolve("initial.py"), "# EVOLVE-BLOCK-START\nx = 1\n# EVOLVE-BLOCK-END\n");
        Files.writeString(problem.resolve("evaluate.py"), "");
        Files.writeString(problem.resolve("run_evo.py"), """
                evo_config = EvolutionConfig(num_generations=25, max_parallel_jobs=3, llm_models=["a"],
                                             init_program_path="initial.py", embedding_model="e")
                db_config = DatabaseConfig(num_islands=2, migration_interval=8, migration_rate=0.25,
                                           parent_selection_strategy="weighted", parent_selection_lambda=5.0)
                """);

        PeerImport.Imported imported = PeerImport.of(PeerImport.Peer.SHINKA, problem);
        Files.writeString(problem.resolve("campaign.yaml"), imported.yaml());
        CampaignSpec spec = SpecReader.read(problem).spec();

        assertThat(spec.budget().experiments()).isEqualTo(25);
        assertThat(spec.strategy())
                .isEqualTo(new StrategySpec.Islands(
                        2,
                        10,
                        0.7,
                        0.2,
                        0.1,
                        5,
                        8,
                        0.25,
                        StrategySpec.Islands.DEFAULT_FEATURES,
                        StrategySpec.Selection.WEIGHTED));
        assertThat(spec.parallelism()).isEqualTo(3);
        assertThat(spec.evaluator().stages().getFirst().command())
                .contains("results:metrics.json:correct.json")
                .endsWith("-- 'python3 evaluate.py'");
        assertThat(imported.unmapped())
                .containsExactly(
                        "llm_models: [\"a\"] (the spec runs the offline proposer, which needs no key; for a model, set proposer:"
                                + " {kind: llm, model: openai:<name>})",
                        "embedding_model: \"e\" (no counterpart in Clade)");
        assertThatThrownBy(() -> PeerImport.of(PeerImport.Peer.OPENEVOLVE, problem))
                .hasMessageContaining("no initial_program.* in");
    }
}
