package dev.clade.orchestrator.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/** A {@code clade} process started in the background whose output lines are collected as they come. */
public final class RunningCli {

    public final Process process;
    public final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    private RunningCli(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code clade args...} with {@code CLADE_HOME} at {@code home} and {@code environment} added. */
    public static RunningCli start(Map<String, String> environment, java.nio.file.Path home, String... args)
            throws IOException {
        ProcessBuilder builder = Cli.builder(home, args).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new RunningCli(builder.start());
    }

    /** The progress lines printed so far, one per finished experiment ({@code [ 3/12] node 3 ...}). */
    public long experimentLines() {
        synchronized (lines) {
            return lines.stream().filter(l -> l.matches("\\[\\s*\\d+/\\d+].*")).count();
        }
    }

    /** The branches of {@code campaign} in the one repository under {@code home}. */
    public static java.util.List<String> branches(java.nio.file.Path home, String campaign) throws IOException {
        try (java.util.stream.Stream<java.nio.file.Path> repos = java.nio.file.Files.list(home.resolve("repos"));
                dev.clade.orchestrator.experiment.ExperimentRepository repo =
                        dev.clade.orchestrator.experiment.ExperimentRepository.openOrCreate(
                                repos.findFirst().orElseThrow())) {
            return repo.branches("clade/" + campaign + "/");
        }
    }

    /** {@code clade/<campaign>/1} to {@code clade/<campaign>/<last>}: every experiment's branch, once each. */
    public static java.util.List<String> experimentBranches(String campaign, int last) {
        return java.util.stream.IntStream.rangeClosed(1, last)
                .mapToObj(n -> "clade/" + campaign + "/" + n)
                .toList();
    }

    /** Everything printed, once the process has ended (waiting up to 10 s for it). */
    public String output() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }
}
