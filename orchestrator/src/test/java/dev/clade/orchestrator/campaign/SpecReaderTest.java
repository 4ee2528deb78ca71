package dev.clade.orchestrator.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clade.orchestrator.strategy.Direction;
import dev.clade.orchestrator.strategy.StrategySpec;
import dev.clade.orchestrator.testing.Targets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecReaderTest {

    @TempDir
    Path dir;

    @Test
    void should_read_a_complete_spec_from_a_folder() throws IOException {
        Path target = Targets.quadratic(dir.resolve("target"), "0");
        Files.writeString(dir.resolve("campaign.yaml"), Targets.spec("demo", target, 12, 2));

        CampaignSpec spec = SpecReader.read(dir).spec();

        assertThat(spec.name()).isEqualTo("demo");
        assertThat(spec.target().repo()).isEqualTo(target.toString());
        assertThat(spec.target().ref()).isEqualTo("HEAD");
        assertThat(spec.evaluator().direction()).isEqualTo(Direction.MAXIMIZE);
        assertThat(spec.evaluator().stages()).hasSize(3);
        assertThat(spec.evaluator().searchStages())
                .extracting(CampaignSpec.Stage::name)
                .containsExactly("smoke", "full");
        assertThat(spec.evaluator().stages().get(0).timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(spec.evaluator().stages().get(0).threshold()).hasValue(1.0);
        assertThat(spec.strategy().param("drafts", -1)).isEqualTo(2);
        assertThat(spec.budget().experiments()).isEqualTo(12);
        assertThat(spec.parallelism()).isEqualTo(2);
    }

    @Test
    void should_read_memory_and_knowledge_and_store_sources_resolved() throws IOException {
        Path target = Targets.quadratic(dir.resolve("target"), "0");
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(
                dir.resolve("c.yaml"),
                Targets.spec("demo", target, 1, 1)
                        + "memory: {enabled: false, recall: 3, scope: global}\n"
                        + "knowledge: [docs, \"https://example.com/notes.git\"]\n");

        SpecReader.Loaded loaded = SpecReader.read(dir.resolve("c.yaml"));

        assertThat(loaded.spec().memory()).isEqualTo(new CampaignSpec.MemorySpec(false, 3, true, false));
        assertThat(loaded.spec().knowledge())
                .containsExactly(dir.resolve("docs").toString(), "https://example.com/notes.git");
        assertThat(loaded.document().get("knowledge").get(0).asText())
                .isEqualTo(dir.resolve("docs").toString());
        assertThat(SpecReader.read(dir.resolve("target").resolve("..").resolve("c.yaml"))
                        .spec()
                        .memory()
                        .enabled())
                .isFalse();
    }

    @Test
    void should_default_memory_on_and_name_bad_memory_and_knowledge_fields() throws IOException {
        Path target = Targets.quadratic(dir.resolve("target"), "0");
        Files.writeString(dir.resolve("ok.yaml"), Targets.spec("demo", target, 1, 1));
        Files.writeString(
                dir.resolve("bad.yaml"),
                Targets.spec("demo", target, 1, 1)
                        + "memory: {scope: everywhere, recall: 99, forget: true, distiller: llm}\n"
                        + "knowledge: [missing-folder, 7]\n");

        assertThat(SpecReader.read(dir.resolve("ok.yaml")).spec().memory())
                .isEqualTo(CampaignSpec.MemorySpec.defaults());
        assertThatThrownBy(() -> SpecReader.read(dir.resolve("bad.yaml")))
                .isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).problems())
                        .anyMatch(p -> p.startsWith("memory.scope: 'everywhere' is not allowed"))
                        .anyMatch(p -> p.startsWith("memory.recall:"))
                        .anyMatch(p -> p.startsWith("memory.forget: unknown field"))
                        .anyMatch(p -> p.startsWith("memory.distiller: llm needs a model"))
                        .anyMatch(p -> p.startsWith("knowledge[0]: 'missing-folder' does not exist"))
                        .anyMatch(p -> p.startsWith("knowledge[1]:")));
    }

    @Test
    void should_resolve_a_relative_repo_against_the_spec_folder() throws IOException {
        Targets.quadratic(dir.resolve("target"), "0");
        Files.writeString(dir.resolve("c.yaml"), Targets.spec("demo", Path.of("target"), 1, 1));

        assertThat(SpecReader.read(dir.resolve("c.yaml")).spec().target().repo())
                .isEqualTo(dir.resolve("target").toString());
    }

    @Test
    void should_name_every_bad_field_at_once() throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), """
                name: "no spaces allowed"
                evaluater: {}
                target:
                  repo: does-not-exist
                evaluator:
                  direction: sideways
                  stages:
                    - name: full
                      timeout: 3 fortnights
                strategy:
                  kind: greedy
                  params: {debugProbability: 1.5, drafts: 2.5}
                proposer: {kind: telepathy}
                budget: {experiments: 0}
                parallelism: 0
                """);

        assertThatThrownBy(() -> SpecReader.read(dir.resolve("bad.yaml")))
                .isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).problems())
                        .anyMatch(p -> p.startsWith("name: 'no spaces allowed' is not allowed"))
                        .anyMatch(p -> p.startsWith("evaluater: unknown field"))
                        .anyMatch(p -> p.startsWith("goal: required"))
                        .anyMatch(p -> p.startsWith(
                                "target.repo: 'does-not-exist' is neither a git URL nor an existing folder"))
                        .anyMatch(p -> p.startsWith("target.editable: required"))
                        .anyMatch(p -> p.startsWith(
                                "evaluator.direction: 'sideways' is not allowed; use maximize or minimize"))
                        .anyMatch(p -> p.startsWith("evaluator.stages[0].command: required"))
                        .anyMatch(p ->
                                p.startsWith("evaluator.stages[0].timeout: '3 fortnights' is not a positive duration"))
                        .anyMatch(p -> p.startsWith(
                                "strategy.params.debugProbability: 1.5 is not allowed; use a number from 0.0 to 1.0"))
                        .anyMatch(p -> p.startsWith("strategy.params.drafts: 2.5 is not allowed; use a whole number"))
                        .anyMatch(p -> p.startsWith(
                                "proposer.kind: 'telepathy' is not available in this version; allowed: offline"))
                        .anyMatch(p -> p.startsWith("budget.experiments: must be between 1 and"))
                        .anyMatch(p -> p.startsWith("parallelism: must be between 1 and 64")));
    }

    @Test
    void should_reject_an_unknown_strategy_listing_the_allowed_ones() throws IOException {
        Path target = Targets.quadratic(dir.resolve("target"), "0");
        Files.writeString(
                dir.resolve("c.yaml"), Targets.spec("demo", target, 1, 1).replace("kind: greedy", "kind: random"));

        assertThatThrownBy(() -> SpecReader.read(dir.resolve("c.yaml")))
                .hasMessageContaining("strategy.kind: 'random' is not available; allowed: dgm, greedy, hgm, islands");
    }

    @Test
    void should_read_islands_with_features_bounds_and_selection() throws IOException {
        Path target = Targets.quadratic(dir.resolve("target"), "0");
        String spec = Targets.spec("demo", target, 4, 1)
                .replace(
                        "kind: greedy\n  params: {drafts: 2, debugProbability: 0.2}",
                        "kind: islands\n  params: {islands: 3, bins: 5, migrationInterval: 7,"
                                + " features: [lines, {name: error, min: 0, max: 2.5}], selection: weighted,"
                                + " exploitation: 0.5, exploration: 0.3, random: 0.2}");
        Files.writeString(dir.resolve("c.yaml"), spec);

        CampaignSpec read = SpecReader.read(dir.resolve("c.yaml")).spec();

        assertThat(read.strategy())
                .isEqualTo(new StrategySpec.Islands(
                        3,
                        5,
                        0.5,
                        0.3,
                        0.2,
                        10,
                        7,
                        0.1,
                        List.of(
                                StrategySpec.Feature.of("lines"),
                                new StrategySpec.Feature("error", OptionalDouble.of(0), OptionalDouble.of(2.5))),
                        StrategySpec.Selection.WEIGHTED));
    }

    @Test
    void should_read_an_ensemble_of_models_and_name_what_is_wrong_with_one() throws IOException {
        Path target = Targets.quadratic(dir.resolve("target"), "0");
        String local = "{provider: openai, name: %s, baseUrl: \"http://127.0.0.1:9/v1\"}";
        String good = Targets.spec("demo", target, 4, 1)
                .replace(
                        "proposer:\n  kind: offline\n",
                        "proposer:\n  kind: llm\n  selection: ucb\n  models:\n"
                                + "    - {model: " + local.formatted("big")
                                + ", weight: 2, price: {input: 3, output: 9}}\n"
                                + "    - {model: " + local.formatted("small") + ", price: {input: 1, output: 2}}\n");
        Files.writeString(dir.resolve("c.yaml"), good);

        ProposerSpec.Llm read =
                (ProposerSpec.Llm) SpecReader.read(dir.resolve("c.yaml")).spec().proposer();

        assertThat(read.selection()).isEqualTo(dev.clade.agents.ensemble.ModelBandit.Selection.UCB);
        assertThat(read.models()).extracting(m -> m.model().label()).containsExactly("openai:big", "openai:small");
        assertThat(read.models()).extracting(ProposerSpec.Member::weight).containsExactly(2.0, 1.0);
        assertThat(read.model()).hasValueSatisfying(m -> assertThat(m.label()).isEqualTo("openai:big"));

        Files.writeString(
                dir.resolve("c.yaml"),
                Targets.spec("demo", target, 4, 1)
                        .replace(
                                "proposer:\n  kind: offline\n",
                                "proposer:\n  kind: llm\n  selection: ucb\n  model: openai:x\n  models:\n"
                                        + "    - {model: " + local.formatted("big") + ", weight: 0}\n"
                                        + "    - {model: " + local.formatted("big") + "}\n"
                                        + "    - {weight: 1}\n"));
        assertThatThrownBy(() -> SpecReader.read(dir.resolve("c.yaml")))
                .hasMessageContaining("proposer.models: give proposer.model or proposer.models, not both")
                .hasMessageContaining("proposer.models[0].weight: 0.0 is not allowed; use a number above 0")
                .hasMessageContaining("proposer.models[2].model: required");
        Files.writeString(
                dir.resolve("c.yaml"),
                Targets.spec("demo", target, 4, 1)
                        .replace(
                                "proposer:\n  kind: offline\n",
                                "proposer:\n  kind: llm\n  selection: ucb\n  models:\n"
                                        + "    - {model: " + local.formatted("big") + "}\n"
                                        + "    - {model: " + local.formatted("big") + "}\n"));
        assertThatThrownBy(() -> SpecReader.read(dir.resolve("c.yaml")))
                .hasMessageContaining("proposer.models[1].model: openai:big is listed twice");
        Files.writeString(
                dir.resolve("c.yaml"),
                good.replace(", price: {input: 1, output: 2}", "").replace("selection: ucb", "selection: greedy"));
        assertThatThrownBy(() -> SpecReader.read(dir.resolve("c.yaml")))
                .hasMessageContaining("proposer.selection: 'greedy' is not allowed; use weighted or ucb");
        Files.writeString(dir.resolve("c.yaml"), good.replace(", price: {input: 1, output: 2}", ""));
        assertThatThrownBy(() -> SpecReader.read(dir.resolve("c.yaml")))
                .hasMessageContaining("proposer.models: selection ucb weighs models by their dollars, and Clade does"
                        + " not know the price of openai:small");
        Files.writeString(
                dir.resolve("c.yaml"),
                Targets.spec("demo", target, 4, 1)
                        .replace("proposer:\n  kind: offline\n", "proposer:\n  kind: offline\n  selection: ucb\n"));
        assertThatThrownBy(() -> SpecReader.read(dir.resolve("c.yaml")))
                .hasMessageContaining("proposer.selection: applies to an ensemble (proposer.models) only");
    }

    @Test
    void should_read_novelty_rejection_and_name_a_bad_threshold() throws IOException {
        Path target = Targets.quadratic(dir.resolve("target"), "0");
        String spec = Targets.spec("demo", target, 4, 1)
                .replace("proposer:\n  kind: offline\n", "proposer:\n  kind: offline\n  novelty: {retries: 5}\n");
        Files.writeString(dir.resolve("c.yaml"), spec);

        assertThat(SpecReader.read(dir.resolve("c.yaml")).spec().novelty()).contains(new CampaignSpec.Novelty(0.99, 5));
        Files.writeString(
                dir.resolve("c.yaml"), spec.replace("{retries: 5}", "{threshold: 1.5, retries: 11, tries: 1}"));
        assertThatThrownBy(() -> SpecReader.read(dir.resolve("c.yaml")))
                .hasMessageContaining("proposer.novelty.threshold: 1.5 is not allowed; use a cosine similarity above 0")
                .hasMessageContaining("proposer.novelty.retries: must be between 0 and 10")
                .hasMessageContaining("proposer.novelty.tries: unknown field");
        Files.writeString(dir.resolve("c.yaml"), Targets.spec("demo", target, 4, 1));
        assertThat(SpecReader.read(dir.resolve("c.yaml")).spec().novelty()).isEmpty();
        assertThat(SpecReader.read(dir.resolve("c.yaml")).spec().recommendEvery())
                .as("the offline proposer writes no recommendations")
                .isZero();
        Files.writeString(dir.resolve("c.yaml"), spec.replace("{retries: 5}", "{retries: 5}\n  recommendEvery: 5"));
        assertThatThrownBy(() -> SpecReader.read(dir.resolve("c.yaml")))
                .hasMessageContaining("proposer.recommendEvery: applies to a proposer that calls a model");
    }

    @Test
    void should_name_each_bad_islands_parameter() throws IOException {
        Path target = Targets.quadratic(dir.resolve("target"), "0");
        String spec = Targets.spec("demo", target, 4, 1)
                .replace(
                        "kind: greedy\n  params: {drafts: 2, debugProbability: 0.2}",
                        "kind: islands\n  params: {islands: 0, exploitation: 0.9, selection: roulette,"
                                + " features: [lines, lines, 'a b', {name: x, min: 3}, {name: y, min: 2, max: 1}],"
                                + " drafts: 2}");
        Files.writeString(dir.resolve("c.yaml"), spec);

        assertThatThrownBy(() -> SpecReader.read(dir.resolve("c.yaml")))
                .hasMessageContaining("strategy.params.islands: 0 is not allowed; use a whole number from 1 to 64")
                .hasMessageContaining("strategy.params: exploitation + exploration + random must add up to 1;"
                        + " they add up to 1.2")
                .hasMessageContaining("strategy.params.selection: 'roulette' is not allowed; use ratios or weighted")
                .hasMessageContaining("strategy.params.features: expected a list of one to three features");
        Files.writeString(
                dir.resolve("c.yaml"),
                spec.replace(
                        "features: [lines, lines, 'a b', {name: x, min: 3}, {name: y, min: 2, max: 1}]",
                        "features: [lines, lines, 'a b']"));
        assertThatThrownBy(() -> SpecReader.read(dir.resolve("c.yaml")))
                .hasMessageContaining("strategy.params.features[1]: 'lines' is named twice")
                .hasMessageContaining("strategy.params.features[2]: 'a b' is not a metric name")
                .hasMessageContaining("strategy.params.drafts: unknown field");
        Files.writeString(
                dir.resolve("c.yaml"),
                spec.replace(
                        "features: [lines, lines, 'a b', {name: x, min: 3}, {name: y, min: 2, max: 1}]",
                        "features: [{name: x, min: 3}, {name: y, min: 2, max: 1}]"));
        assertThatThrownBy(() -> SpecReader.read(dir.resolve("c.yaml")))
                .hasMessageContaining("strategy.params.features[0]: give both min and max, min below max")
                .hasMessageContaining("strategy.params.features[1]: give both min and max, min below max");
    }

    @Test
    void should_read_tasks_utility_range_and_an_evaluation_budget() throws IOException {
        Path target = Targets.quadratic(dir.resolve("target"), "0");
        String spec = Targets.spec("demo", target, 4, 1)
                .replace(
                        "  metric: negative squared error\n",
                        "  metric: e\n  tasks: [a, b, c]\n  utilityRange: [-20, 0]\n")
                .replace("  experiments: 4\n", "  experiments: 4\n  evaluations: 9\n")
                .replace(
                        "kind: greedy\n  params: {drafts: 2, debugProbability: 0.2}",
                        "kind: hgm\n  params: {alpha: 0.5}");
        Files.writeString(dir.resolve("c.yaml"), spec);

        CampaignSpec read = SpecReader.read(dir.resolve("c.yaml")).spec();

        assertThat(read.evaluator().tasks()).containsExactly("a", "b", "c");
        assertThat(read.evaluator().range().utility(-5, Direction.MAXIMIZE)).isEqualTo(0.75);
        assertThat(read.budget().evaluations()).hasValue(9);
        assertThat(read.strategy().kind()).isEqualTo("hgm");
        assertThat(read.strategy().param("alpha", 0)).isEqualTo(0.5);
    }

    @Test
    void should_require_a_utility_range_for_hgm_when_minimizing_and_reject_bad_tasks() throws IOException {
        Path target = Targets.quadratic(dir.resolve("target"), "0");
        String spec = Targets.spec("demo", target, 4, 1)
                .replace("direction: maximize", "direction: minimize\n  tasks: [a, a, 'b c']")
                .replace(
                        "kind: greedy\n  params: {drafts: 2, debugProbability: 0.2}",
                        "kind: hgm\n  params: {alpha: 2}");
        Files.writeString(dir.resolve("c.yaml"), spec);

        assertThatThrownBy(() -> SpecReader.read(dir.resolve("c.yaml")))
                .hasMessageContaining("evaluator.utilityRange: required by strategy hgm when minimizing")
                .hasMessageContaining("evaluator.tasks: 'a' is listed twice")
                .hasMessageContaining("evaluator.tasks: 'b c' is not a task id")
                .hasMessageContaining("strategy.params.alpha: 2 is not allowed; use a number from 0.1 to 1.0");
    }

    @Test
    void should_read_backends_network_and_resources_with_stage_overrides() throws IOException {
        Path target = Targets.quadratic(dir.resolve("target"), "0");
        String spec = Targets.spec("demo", target, 4, 1)
                .replace(
                        "  metric: negative squared error\n",
                        "  metric: e\n  isolation: strict\n"
                                + "  resources: {memory: 2GB, processes: 64, cpuTime: 5m}\n")
                .replace(
                        "      command: sh score.sh\n      timeout: 30s\n",
                        "      command: sh score.sh\n"
                                + "      timeout: 30s\n      backend: slurm\n      network: true\n"
                                + "      resources: {gpus: 1, cpus: 4}\n");
        Files.writeString(dir.resolve("c.yaml"), spec);

        CampaignSpec.EvaluatorSpec evaluator =
                SpecReader.read(dir.resolve("c.yaml")).spec().evaluator();

        assertThat(evaluator.strictIsolation()).isTrue();
        CampaignSpec.Execution smoke = evaluator.stages().get(0).execution();
        CampaignSpec.Execution full = evaluator.stages().get(1).execution();
        assertThat(smoke.backend()).isEqualTo(Backend.LOCAL);
        assertThat(smoke.network()).isFalse();
        assertThat(smoke.resources().memoryBytes()).hasValue(2L * 1024 * 1024 * 1024);
        assertThat(full.backend()).isEqualTo(Backend.SLURM);
        assertThat(full.network()).isTrue();
        assertThat(full.resources().gpus()).isEqualTo(1);
        assertThat(full.resources().cpus()).hasValue(4);
        assertThat(full.resources().processes()).hasValue(64);
        assertThat(full.resources().cpuTime()).hasValue(Duration.ofMinutes(5));
    }

    @Test
    void should_reject_unknown_backends_and_bad_resources() throws IOException {
        Path target = Targets.quadratic(dir.resolve("target"), "0");
        String spec = Targets.spec("demo", target, 4, 1)
                .replace(
                        "  metric: negative squared error\n",
                        "  metric: e\n  isolation: paranoid\n"
                                + "  backend: nomad\n  resources: {gpus: -1, memory: lots, disk: 1GB}\n");
        Files.writeString(dir.resolve("c.yaml"), spec);

        assertThatThrownBy(() -> SpecReader.read(dir.resolve("c.yaml")))
                .hasMessageContaining("evaluator.isolation: 'paranoid' is not allowed; use strict or best-effort")
                .hasMessageContaining("evaluator.backend: 'nomad' is not available; allowed: local, slurm, kubernetes")
                .hasMessageContaining("evaluator.resources.gpus: must be between 0 and 64")
                .hasMessageContaining("evaluator.resources.memory: 'lots' is not a size")
                .hasMessageContaining("evaluator.resources.disk: unknown field");
    }

    private Path llmSpec(String proposer, String budgetExtra) throws IOException {
        Path target = Targets.quadratic(dir.resolve("target"), "0");
        String yaml = Targets.spec("demo", target, 4, 1)
                .replace("proposer:\n  kind: offline\n", proposer)
                .replace("budget:\n  experiments: 4\n", "budget:\n  experiments: 4\n" + budgetExtra);
        Path file = dir.resolve("llm.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void should_read_an_llm_proposer_with_its_model_agent_and_price() throws IOException {
        dev.clade.agents.coder.AgentFolder.writeBuiltIn(dir.resolve("agent"));
        Path file = llmSpec(
                "proposer:\n  kind: llm\n  agent: agent\n  model: {provider: openai, name: my-model,"
                        + " baseUrl: \"http://127.0.0.1:8000/v1\", temperature: 0.2}\n  price: {input: 1, output: 2}\n",
                "  costUsd: 5\n");

        ProposerSpec proposer = SpecReader.read(file).spec().proposer();

        assertThat(proposer.kind()).isEqualTo("llm");
        assertThat(proposer.agent()).hasValue(dir.resolve("agent").toString());
        assertThat(proposer.model()).hasValueSatisfying(m -> {
            assertThat(m.label()).isEqualTo("openai:my-model");
            assertThat(m.endpoint()).isEqualTo("http://127.0.0.1:8000/v1");
            assertThat(m.price()).hasValue(new dev.clade.agents.llm.Price(1, 2));
        });
    }

    @Test
    void should_reject_an_llm_proposer_without_its_key_price_or_with_a_key_in_the_spec() throws IOException {
        Path file = llmSpec(
                "proposer:\n  kind: llm\n  model: {provider: anthropic, name: claude-sonnet-4-5,"
                        + " apiKeyEnv: CLADE_TEST_UNSET_KEY}\n",
                "");
        assertThatThrownBy(() -> SpecReader.read(file))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("proposer.model: anthropic:claude-sonnet-4-5 needs a key: set the environment"
                        + " variable CLADE_TEST_UNSET_KEY");

        Path priced = llmSpec(
                "proposer:\n  kind: llm\n  model: {provider: openai, name: my-finetune, baseUrl:"
                        + " \"http://127.0.0.1:1/v1\"}\n",
                "  costUsd: 2\n");
        assertThatThrownBy(() -> SpecReader.read(priced))
                .hasMessageContaining("proposer.price: budget.costUsd needs the price of openai:my-finetune");

        Path leaked = llmSpec(
                "proposer:\n  kind: llm\n  model: {provider: openai, name: gpt-4.1, apiKeyEnv:"
                        + " sk-proj-abc}\n  agent: nowhere\n",
                "");
        assertThatThrownBy(() -> SpecReader.read(leaked))
                .hasMessageContaining("proposer.model.apiKeyEnv: must name an environment variable")
                .hasMessageContaining("proposer.agent:")
                .hasMessageContaining("holds no agent.yaml");
    }

    @Test
    void should_accept_the_llm_and_self_improvement_examples_but_for_a_missing_key() {
        for (Path example : List.of(
                Path.of("..", "examples", "tsp-anneal", "llm.yaml"), Path.of("..", "examples", "self-improve"))) {
            if (System.getenv("OPENAI_API_KEY") != null) {
                assertThat(SpecReader.read(example).spec().proposer().model()).isPresent();
                continue;
            }
            assertThatThrownBy(() -> SpecReader.read(example))
                    .isInstanceOfSatisfying(
                            SpecException.class,
                            e -> assertThat(e.problems())
                                    .singleElement()
                                    .asString()
                                    .contains("needs a key: set the environment variable OPENAI_API_KEY"));
        }
    }

    @Test
    void should_reject_malformed_yaml_with_its_line() throws IOException {
        Files.writeString(dir.resolve("c.yaml"), "name: x\ngoal: [unclosed\n");

        assertThatThrownBy(() -> SpecReader.read(dir.resolve("c.yaml")))
                .hasMessageContaining("not valid YAML")
                .hasMessageContaining("line");
    }

    @Test
    void should_refuse_a_glob_that_does_not_compile_naming_it() throws IOException {
        Path target = Files.createDirectories(dir.resolve("target"));
        Files.writeString(
                dir.resolve("c.yaml"),
                Targets.spec("globs", target, 2, 1)
                        .replaceFirst("editable: \\[[^]]*]", "editable: [\"ok.py\", \"solver[.py\"]"));

        assertThatThrownBy(() -> SpecReader.read(dir.resolve("c.yaml")))
                .isInstanceOfSatisfying(
                        SpecException.class,
                        e -> assertThat(e.fieldProblems()).singleElement().satisfies(p -> {
                            assertThat(p.field()).isEqualTo("target.editable[1]");
                            assertThat(p.message()).contains("solver[.py").contains("unclosed '['");
                        }));
    }

    @Test
    void should_refuse_editable_globs_that_cover_the_evaluator_a_stage_runs() throws IOException {
        Path target = Files.createDirectories(dir.resolve("pinned"));
        Files.writeString(target.resolve("evaluate.py"), "print('{\"score\": 1000}')\n");
        Files.writeString(target.resolve("solver.py"), "x = 1\n");
        String spec = """
                name: pinned
                goal: a better solver
                target:
                  repo: %s
                  editable: ["*.py"]
                evaluator:
                  stages:
                    - name: full
                      command: python3 evaluate.py --quick
                budget:
                  experiments: 2
                """.formatted(target);
        Files.writeString(dir.resolve("c.yaml"), spec);

        assertThatThrownBy(() -> SpecReader.read(dir.resolve("c.yaml")))
                .isInstanceOfSatisfying(
                        SpecException.class,
                        e -> assertThat(e.fieldProblems()).singleElement().satisfies(p -> {
                            assertThat(p.field()).isEqualTo("target.editable");
                            assertThat(p.message())
                                    .contains("[evaluate.py]")
                                    .contains("evaluator.files [/evaluate.py]")
                                    .contains("\"!evaluate.py\"");
                        }));

        Files.writeString(dir.resolve("ok.yaml"), spec.replace("[\"*.py\"]", "[\"*.py\", \"!evaluate.py\"]"));
        CampaignSpec ok = SpecReader.read(dir.resolve("ok.yaml")).spec();
        assertThat(ok.evaluator().files()).contains("/evaluate.py");
        assertThat(ok.editablePaths()).accepts("solver.py").rejects("evaluate.py");
    }

    @Test
    void should_pin_the_evaluator_files_whatever_the_globs_say() throws IOException {
        Path target = Files.createDirectories(dir.resolve("stored"));
        String spec = """
                name: stored
                goal: a better solver
                target:
                  repo: %s
                  editable: ["**"]
                evaluator:
                  files: ["checks/**", "/evaluate.py"]
                  stages:
                    - name: full
                      command: python3 evaluate.py
                budget:
                  experiments: 2
                """.formatted(target);

        CampaignSpec stored = SpecReader.stored(
                        new com.fasterxml.jackson.databind.ObjectMapper(
                                        new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                                .readTree(spec),
                        "stored")
                .spec();

        assertThat(stored.editablePaths())
                .accepts("solver.py", "lib/a.py")
                .rejects("evaluate.py", "checks/test_a.py", "checks/deep/b.sh");
    }

    @Test
    void should_refuse_a_size_too_large_to_hold_naming_it() throws IOException {
        Path target = Files.createDirectories(dir.resolve("sized"));
        Files.writeString(
                dir.resolve("c.yaml"),
                Targets.spec("sized", target, 2, 1)
                        .replace(
                                "evaluator:\n",
                                "evaluator:\n  outputLimit: \"99999999999999999999\"\n  resources: {memory: 9999999999GB}\n"));

        assertThatThrownBy(() -> SpecReader.read(dir.resolve("c.yaml")))
                .isInstanceOfSatisfying(
                        SpecException.class,
                        e -> assertThat(e.problems())
                                .anyMatch(
                                        p -> p.startsWith("evaluator.outputLimit: '99999999999999999999' is too large"))
                                .anyMatch(
                                        p -> p.startsWith("evaluator.resources.memory: '9999999999GB' is too large")));
    }

    @Test
    void should_refuse_a_spec_over_one_mebibyte_before_parsing_it() throws IOException {
        Path file = dir.resolve("big.yaml");
        Files.writeString(file, "name: big\n# " + "x".repeat(SpecText.MAX_BYTES) + "\n");

        assertThatThrownBy(() -> SpecReader.read(file))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("larger than 1048576 bytes");
    }

    @Test
    void should_name_the_byte_offset_of_text_that_is_not_utf8() throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, "name: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> SpecReader.read(file))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not UTF-8: the byte at offset 9 (0xe9)");
    }

    @Test
    void should_say_when_a_folder_has_no_campaign_file() {
        assertThatThrownBy(() -> SpecReader.read(dir)).hasMessageContaining("no campaign.yaml in this folder");
    }

    @Test
    void should_parse_durations_in_both_notations() {
        assertThat(Fields.parseDuration("1h30m")).hasValue(Duration.ofMinutes(90));
        assertThat(Fields.parseDuration("500ms")).hasValue(Duration.ofMillis(500));
        assertThat(Fields.parseDuration("PT2M")).hasValue(Duration.ofMinutes(2));
        assertThat(Fields.parseDuration("2 minutes")).isEmpty();
        assertThat(Fields.parseDuration("5")).isEmpty();
    }
}
