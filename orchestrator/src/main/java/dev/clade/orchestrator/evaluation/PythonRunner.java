package dev.clade.orchestrator.evaluation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Clade's runner for evaluators in OpenEvolve's and ShinkaEvolve's formats (docs/evaluator-and-sandbox.md): a Python
 * script given to the stages that {@link dev.clade.orchestrator.campaign.PythonStages} writes, in the environment, so
 * that it needs no file in the checkout and works on every backend. It calls an {@code evaluate(program_path)}
 * function (a dict of metrics, or an object with {@code metrics} and {@code artifacts}), or runs a script with {@code
 * --program_path} and {@code --results_dir} and reads its {@code metrics.json} and {@code correct.json}; either way
 * it writes Clade's protocol to {@code $CLADE_METRICS}. Stand-ins for {@code openevolve.evaluation_result} and
 * {@code shinka.core.run_shinka_eval} are importable when those packages are not installed.
 */
final class PythonRunner {

    private static final String SOURCE = load();

    private PythonRunner() {}

    /** The runner's source. */
    static String source() {
        return SOURCE;
    }

    private static String load() {
        try (InputStream in = PythonRunner.class.getResourceAsStream("clade_runner.py")) {
            if (in == null) {
                throw new IllegalStateException("clade_runner.py is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
