package dev.clade.orchestrator.campaign;

/**
 * The commands of stages written in OpenEvolve's and ShinkaEvolve's formats ({@code python: {file, function}} and
 * {@code results: {dir, metrics, correct}}): each runs Clade's Python runner (its source in the variable {@value
 * #ENV}; see {@code evaluation.PythonRunner}) in the sandbox like any command. The folder and file names of a results
 * stage go in one word, so that they are not taken for evaluator files to pin.
 */
public final class PythonStages {

    /** The variable that holds the runner's source. */
    public static final String ENV = "CLADE_PYTHON_RUNNER";

    private PythonStages() {}

    /** A stage that calls {@code function} of {@code file} with the program's path. */
    static String functionCommand(String file, String function, String program, String scoreKey) {
        return "python3 -c \"$" + ENV + "\" function " + file + " " + function + " " + program + " " + scoreKey;
    }

    /** A stage that runs {@code command} with {@code --program_path} and {@code --results_dir} and reads its files. */
    static String resultsCommand(
            String command, String dir, String metrics, String correct, String program, String scoreKey) {
        return "python3 -c \"$" + ENV + "\" results " + dir + ":" + metrics + ":" + correct + " " + program + " "
                + scoreKey + " -- '" + command.replace("'", "'\\''") + "'";
    }

    /** Whether a stage's command runs the runner (and so needs its source in the environment). */
    public static boolean runs(String command) {
        return command.contains("$" + ENV);
    }
}
