package dev.clade.orchestrator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the packaged {@code clade} command as a user does, for integration tests. */
public final class Cli {

    private Cli() {}

    /** Exit status and everything printed (stdout and stderr) of a finished run. */
    public record Outcome(int status, String output) {}

    /** Runs {@code clade args...} with {@code CLADE_HOME} at {@code home} and waits at most {@code minutes}. */
    public static Outcome run(Path home, int minutes, String... args) throws IOException, InterruptedException {
        Files.createDirectories(home);
        Path out = Files.createTempFile(home, "clade-", ".out");
        Process process = builder(home, args)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("clade " + String.join(" ", args) + " did not finish in " + minutes + " minutes:\n"
                    + Files.readString(out, StandardCharsets.UTF_8));
        }
        return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    /** A process builder for {@code clade args...} with {@code CLADE_HOME} at {@code home}. */
    public static ProcessBuilder builder(Path home, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path app = Path.of(System.getProperty("clade.app.dir", "target/quarkus-app"))
                .resolve("quarkus-run.jar");
        // As the launcher does: ONNX Runtime loads its native library, which the JVM otherwise warns about on stderr.
        List<String> command =
                new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", app.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CLADE_HOME", home.toString());
        builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
        return builder;
    }

    /** The first number the regex's group 1 captures in {@code text}, failing with the text when there is none. */
    public static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("output has " + regex + ":\n" + text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /**
     * Skips the test, saying why, when none of the commands succeeds; in CI ({@code CI=true}) fails instead, since
     * CI must provide every tool.
     */
    public static void require(String what, List<List<String>> anyOf) throws InterruptedException {
        boolean present = false;
        for (List<String> command : anyOf) {
            try {
                present |= new ProcessBuilder(command)
                                .redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                .start()
                                .waitFor()
                        == 0;
            } catch (IOException e) {
                // not installed
            }
        }
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(what + " is required here and CI must install it");
        }
        assumeTrue(present, "SKIPPED: " + what + " is not installed");
    }
}
