package dev.clade.orchestrator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.campaign.SpecException;
import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.testing.Cli;
import dev.clade.sandbox.ProcessSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluators in OpenEvolve's format ({@code python: {file, function}}: a function of the program's path returning a
 * dict or an object with metrics and artifacts) and ShinkaEvolve's ({@code results}: a script given {@code
 * --program_path} and {@code --results_dir} that writes {@code metrics.json} and {@code correct.json}, often through
 * {@code run_shinka_eval}), read from a spec and run by Clade's runner with real {@code python3} processes in the
 * sandbox, neither peer package installed.
 */
class PeerEvaluatorTest {

    @TempDir
    Path dir;

    private Path repo;
    private final List<StageRun> stored = new ArrayList<>();
    private final StagedEvaluator evaluator = new StagedEvaluator(new ProcessSandbox());

    @BeforeEach
    void setUp() throws IOException, InterruptedException {
        Cli.require("python3", List.of(List.of("python3", "--version")));
        repo = Files.createDirectories(dir.resolve("problem"));
        Files.writeString(repo.resolve("initial_program.py"), """
                # EVOLVE-BLOCK-START
                def value():
                    return 0.75
                # EVOLVE-BLOCK-END
                """);
    }

    @Test
    void should_score_a_dict_by_its_combined_score_and_keep_its_other_numbers() throws IOException {
        evaluatorFile("""
                import importlib.util

                def evaluate(program_path):
                    spec = importlib.util.spec_from_file_location("p", program_path)
                    p = importlib.util.module_from_spec(spec)
                    spec.loader.exec_module(p)
                    return {"combined_score": p.value(), "speed": 3, "valid": True, "name": "x"}
                """);

        EvaluationResult result = run(python("evaluate"));

        assertThat(result).isInstanceOf(EvaluationResult.Scored.class);
        assertThat(((EvaluationResult.Scored) result).score()).isEqualTo(0.75);
        assertThat(metrics()).isEqualTo("{\"combined_score\":0.75,\"speed\":3.0}");
    }

    @Test
    void should_score_a_result_object_and_give_its_artifacts_as_feedback_and_in_the_logs() throws IOException {
        evaluatorFile("""
                from openevolve.evaluation_result import EvaluationResult

                def evaluate(program_path):
                    return EvaluationResult(metrics={"combined_score": 0.5, "accuracy": 0.9},
                                            artifacts={"stderr": "warning: slow loop", "hint": "try numpy"})
                """);

        EvaluationResult result = run(python("evaluate"));

        assertThat(((EvaluationResult.Scored) result).feedback())
                .isEqualTo("stderr: warning: slow loop\nhint: try numpy");
        assertThat(metrics()).contains("\"accuracy\":0.9");
        assertThat(stored.getFirst().stdoutLog()).content().contains("== artifact hint ==\ntry numpy");
    }

    @Test
    void should_run_stage_functions_as_a_cascade_with_the_spec_thresholds() throws IOException {
        evaluatorFile("""
                def evaluate_stage1(program_path):
                    return {"combined_score": 0.3}

                def evaluate_stage2(program_path):
                    return {"combined_score": 0.9}
                """);
        String stages = """
                    - name: stage1
                      python: {file: evaluator.py, function: evaluate_stage1}
                      threshold: %s
                    - name: stage2
                      python: {file: evaluator.py, function: evaluate_stage2}
                """;

        EvaluationResult gated = run(stages.formatted("0.5"));
        stored.clear();
        EvaluationResult passed = run(stages.formatted("0.2"));

        assertThat(gated).isInstanceOf(EvaluationResult.Gated.class);
        assertThat(((EvaluationResult.Scored) passed).score()).isEqualTo(0.9);
        assertThat(stored).hasSize(2);
    }

    @Test
    void should_fail_a_missing_function_naming_what_the_file_defines() throws IOException {
        evaluatorFile("def evaluate_program(path):\n    return {}\n");

        EvaluationResult result = run(python("evaluate"));

        assertThat(((EvaluationResult.Failed) result).reason())
                .contains("evaluator.py has no function 'evaluate' (it defines: evaluate_program)");
    }

    @Test
    void should_fail_an_evaluator_that_raises_with_its_error() throws IOException {
        evaluatorFile("def evaluate(path):\n    raise ValueError('the tour is not closed')\n");

        EvaluationResult result = run(python("evaluate"));

        assertThat(((EvaluationResult.Failed) result).reason()).contains("raised ValueError: the tour is not closed");
        assertThat(stored.getFirst().stderrLog()).content().contains("Traceback");
    }

    @Test
    void should_read_a_results_folder_and_keep_the_private_metrics_from_the_proposer() throws IOException {
        Files.writeString(repo.resolve("evaluate.py"), """
                import argparse, json, os
                parser = argparse.ArgumentParser()
                parser.add_argument("--program_path")
                parser.add_argument("--results_dir")
                a = parser.parse_args()
                os.makedirs(a.results_dir, exist_ok=True)
                json.dump({"combined_score": 2.5, "public": {"circles": 26},
                           "private": {"secret_holdout": 31337}, "text_feedback": "tight fit"},
                          open(os.path.join(a.results_dir, "metrics.json"), "w"))
                json.dump({"correct": True, "error": None}, open(os.path.join(a.results_dir, "correct.json"), "w"))
                print("evaluated", os.path.basename(a.program_path))
                """);

        EvaluationResult result = run(results());

        assertThat(((EvaluationResult.Scored) result).score()).isEqualTo(2.5);
        assertThat(((EvaluationResult.Scored) result).feedback()).isEqualTo("tight fit");
        assertThat(metrics()).contains("\"public.circles\":26.0").contains("\"private\":{\"secret_holdout\":31337}");
        assertThat(stored.getFirst().stdoutLog())
                .content()
                .contains("evaluated initial_program.py")
                .doesNotContain("31337");
        assertThat(stored.getFirst().stderrLog()).content().doesNotContain("31337");
    }

    @Test
    void should_fail_a_program_that_correct_json_says_is_not_correct_with_its_error() throws IOException {
        Files.writeString(repo.resolve("evaluate.py"), """
                import argparse, json, os
                parser = argparse.ArgumentParser()
                parser.add_argument("--program_path")
                parser.add_argument("--results_dir")
                a = parser.parse_args()
                json.dump({"combined_score": 0}, open(os.path.join(a.results_dir, "metrics.json"), "w"))
                json.dump({"correct": False, "error": "circles 3 and 7 overlap"},
                          open(os.path.join(a.results_dir, "correct.json"), "w"))
                """);

        EvaluationResult result = run(results());

        assertThat(((EvaluationResult.Failed) result).reason())
                .contains("correct.json says the program is not correct: circles 3 and 7 overlap");
    }

    @Test
    void should_run_a_shinka_evaluator_through_the_stand_in_of_run_shinka_eval() throws IOException {
        Files.writeString(repo.resolve("initial_program.py"), """
                def run_packing(n):
                    return [0.1 * n, 0.2 * n]
                """);
        Files.writeString(repo.resolve("evaluate.py"), """
                import argparse
                from shinka.core import run_shinka_eval

                def kwargs(run):
                    return {"n": run + 1}

                def validate(result):
                    return (len(result) == 2, "two values expected")

                def aggregate(results):
                    return {"combined_score": sum(r[1] for r in results), "public": {"runs": len(results)}}

                if __name__ == "__main__":
                    parser = argparse.ArgumentParser()
                    parser.add_argument("--program_path")
                    parser.add_argument("--results_dir")
                    a = parser.parse_args()
                    metrics, correct, error = run_shinka_eval(
                        program_path=a.program_path, results_dir=a.results_dir, experiment_fn_name="run_packing",
                        num_runs=3, get_experiment_kwargs=kwargs, aggregate_metrics_fn=aggregate, validate_fn=validate)
                    print("correct" if correct else error)
                """);

        EvaluationResult result = run(results());

        assertThat(((EvaluationResult.Scored) result).score())
                .isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(metrics()).contains("\"public.runs\":3.0");
    }

    @Test
    void should_pin_the_evaluator_files_the_stages_name_and_not_the_result_files() throws IOException {
        evaluatorFile("def evaluate(p):\n    return {'combined_score': 1}\n");
        Files.writeString(repo.resolve("evaluate.py"), "");

        CampaignSpec spec = spec(python("evaluate") + results());

        assertThat(spec.evaluator().files()).containsExactly("/evaluator.py", "/evaluate.py");
    }

    @Test
    void should_name_what_a_peer_stage_needs_in_the_spec() throws IOException {
        Files.writeString(dir.resolve("both.yaml"), specText("""
                    - name: s
                      command: python3 evaluate.py
                      python: {file: evaluator.py}
                """, "[\"*.py\"]", ""));
        Files.writeString(dir.resolve("noprogram.yaml"), specText(python("evaluate"), "[\"*.py\"]", ""));
        Files.writeString(
                dir.resolve("badkey.yaml"), specText(python("evaluate"), "[initial_program.py]", "  scoreKey: a.b\n"));

        assertThatThrownBy(() -> SpecReader.read(dir.resolve("both.yaml")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("evaluator.stages[0]: give either command or python, not both");
        assertThatThrownBy(() -> SpecReader.read(dir.resolve("noprogram.yaml")))
                .hasMessageContaining("evaluator.stages[0].python: needs the program it evaluates: set target.program");
        assertThatThrownBy(() -> SpecReader.read(dir.resolve("badkey.yaml")))
                .hasMessageContaining("evaluator.scoreKey: 'a.b' is not a metric name");
    }

    private void evaluatorFile(String text) throws IOException {
        Files.writeString(repo.resolve("evaluator.py"), text);
    }

    private static String python(String function) {
        return """
                    - name: %s
                      python: {file: evaluator.py, function: %s}
                """.formatted(function, function);
    }

    private static String results() {
        return """
                    - name: shinka
                      command: python3 evaluate.py
                      results: {dir: results}
                """;
    }

    private String metrics() {
        return ((StageOutcome.Scored) stored.getLast().outcome()).metricsJson();
    }

    private EvaluationResult run(String stages) throws IOException {
        CampaignSpec spec = spec(stages);
        EvaluationJob job = new EvaluationJob(
                "c",
                1,
                java.util.Optional.empty(),
                1,
                repo,
                dir.resolve("work"),
                dir.resolve("logs"),
                spec.evaluator().stages(),
                spec.evaluator().direction(),
                1024 * 1024,
                Map.of(),
                Confinement.none());
        return evaluator.evaluate(job, stored::add);
    }

    private CampaignSpec spec(String stages) throws IOException {
        Path file = dir.resolve("campaign.yaml");
        Files.writeString(file, specText(stages, "[initial_program.py]", ""));
        return SpecReader.read(file).spec();
    }

    private String specText(String stages, String editable, String evaluatorExtra) {
        return """
                name: peer
                goal: raise the score
                budget: {experiments: 1}
                target:
                  repo: %s
                  editable: %s
                evaluator:
                %s  stages:
                %s""".formatted(repo, editable, evaluatorExtra, stages);
    }
}
