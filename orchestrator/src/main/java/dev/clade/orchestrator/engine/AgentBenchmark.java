package dev.clade.orchestrator.engine;

import dev.clade.agents.coder.AgentDefinition;
import dev.clade.agents.coder.AgentException;
import dev.clade.agents.coder.AgentFolder;
import dev.clade.agents.coder.CodingAgent;
import dev.clade.agents.proposer.Guidance;
import dev.clade.agents.proposer.NodeSummary;
import dev.clade.agents.proposer.Operator;
import dev.clade.agents.proposer.ProposalRequest;
import dev.clade.orchestrator.evaluation.Confinement;
import dev.clade.orchestrator.experiment.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs a candidate agent on one coding task before its evaluation stages (a self-improvement campaign's evaluator): the
 * agent, built from the node's checkout, works on a copy of the task's {@code repo/} with the task's {@code task.md}
 * as its goal; then the task's {@code hidden/} tests are copied into {@code .clade-hidden/} of what it left, where the
 * stages run them. The agent never sees the hidden tests, and a stage that rewrites them is voided like any stage that
 * rewrites pinned evaluator files. The agent's transcript is kept with the node's logs.
 */
final class AgentBenchmark {

    static final String HIDDEN_DIR = ".clade-hidden";

    /** What the stages run on: the solved checkout, or why the candidate could not even start. */
    sealed interface Prepared {
        record Ready(Path checkout, Confinement.PinnedFiles pinned) implements Prepared {}

        record Broken(String reason) implements Prepared {}
    }

    private final Path tasks;
    private final Function<AgentDefinition, CodingAgent> agents;

    /**
     * @param tasks the benchmark folder
     * @param agents builds the coding agent of a candidate (with the campaign's model, ledger and sandbox)
     */
    AgentBenchmark(Path tasks, Function<AgentDefinition, CodingAgent> agents) {
        this.tasks = tasks;
        this.agents = agents;
    }

    Prepared prepare(Path candidate, String task, Path dir, Path transcript, String campaign, long node, long seed) {
        AgentDefinition agent;
        try {
            agent = AgentFolder.load(candidate);
        } catch (AgentException e) {
            return new Prepared.Broken("the candidate is not a usable agent: " + e.getMessage());
        }
        Path taskDir = tasks.resolve(task);
        Path work = dir.resolve("task");
        Folders.copy(taskDir.resolve("repo"), work);
        String goal = read(taskDir.resolve("task.md"));
        ProposalRequest request = new ProposalRequest(
                campaign,
                node,
                goal,
                work,
                path -> !path.startsWith(HIDDEN_DIR + "/"),
                List.of(),
                Operator.DRAFT,
                true,
                NodeSummary.taskStart(),
                Optional.empty(),
                List.of(),
                List.of(),
                seed,
                "",
                Guidance.none());
        List<String> lines = new ArrayList<>();
        lines.add("agent " + agent.name() + " on task " + task);
        try {
            // A declined task still goes to the hidden tests as it is: they decide, and the transcript says why.
            agents.apply(agent).propose(request, lines::add);
        } finally {
            write(transcript, String.join("\n", lines) + "\n");
        }
        Path hidden = work.resolve(HIDDEN_DIR);
        Workspace.delete(hidden);
        Folders.copy(taskDir.resolve("hidden"), hidden);
        return new Prepared.Ready(work, checkout -> changed(taskDir.resolve("hidden"), checkout.resolve(HIDDEN_DIR)));
    }

    /** Hidden-test files that differ from the benchmark's, or went missing. */
    static List<String> changed(Path original, Path copy) {
        List<String> changed = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(original)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                Path rel = original.relativize(f);
                Path c = copy.resolve(rel);
                if (!Files.isRegularFile(c) || !Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(c))) {
                    changed.add(HIDDEN_DIR + "/" + rel.toString().replace('\\', '/'));
                }
            }
        } catch (IOException e) {
            changed.add(HIDDEN_DIR + " (cannot compare: " + e.getMessage() + ")");
        }
        return changed;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
