package dev.clade.agents.coder;

import dev.clade.agents.edit.WorkDirectory;
import dev.clade.agents.llm.CostLedger;
import dev.clade.agents.llm.ReliableChat;
import dev.clade.agents.proposer.Proposal;
import dev.clade.agents.proposer.ProposalRequest;
import dev.clade.agents.proposer.Proposer;
import dev.clade.sandbox.Isolation;
import dev.clade.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The proposer of a self-improvement campaign ({@code proposer.kind: self}), as in the Darwin Gödel Machine: the work
 * directory is the parent <em>agent</em> (its {@code agent.yaml} and prompts). A diagnosis step reads the parent's
 * results and failure logs on the benchmark and writes a problem statement; then the parent agent itself, built from
 * that folder, edits its own files to solve that problem.
 */
public final class SelfImprover implements Proposer {

    static final String DIAGNOSIS_SYSTEM = """
            You diagnose coding agents. An agent is a folder: agent.yaml (tools, limits) and prompt files. It was run
            on coding tasks with hidden tests. From its files, its results and its failure logs, find the most
            important reason it fails and write a problem statement for the agent itself: what goes wrong, the
            evidence from the logs, and what change to its prompts or configuration should fix it. Be concrete and
            brief (at most 15 lines). Do not write the change itself.""";
    private static final int FILE_CHARS = 12_000;

    private final ReliableChat chat;
    private final CostLedger ledger;
    private final Sandbox sandbox;
    private final Isolation isolation;

    public SelfImprover(ReliableChat chat, CostLedger ledger, Sandbox sandbox, Isolation isolation) {
        this.chat = chat;
        this.ledger = ledger;
        this.sandbox = sandbox;
        this.isolation = isolation;
    }

    @Override
    public String name() {
        return "self (" + chat.settings().label() + ")";
    }

    @Override
    public Proposal propose(ProposalRequest request) {
        AgentDefinition parent;
        try {
            parent = AgentFolder.load(request.workDir());
        } catch (AgentException e) {
            return new Proposal.Declined("the parent is not a usable agent folder: " + e.getMessage());
        }
        String statement = diagnose(request);
        ProposalRequest improve = new ProposalRequest(
                request.campaign(),
                request.node(),
                request.goal() + "\n\nYou are improving yourself: the files below are your own agent.yaml and prompts,"
                        + " which the next version of you will run with. Problem statement from a diagnosis of your"
                        + " failures:\n" + statement,
                request.workDir(),
                request.editable(),
                request.pinned(),
                request.operator(),
                request.maximize(),
                request.parent(),
                request.grandparent(),
                request.siblings(),
                request.inspirations(),
                request.seed(),
                request.parentLog(),
                request.guidance());
        Proposal proposal = new CodingAgent(parent, chat, ledger, sandbox, isolation).propose(improve);
        return switch (proposal) {
            case Proposal.Declined d -> d;
            case Proposal.Edited e -> {
                Map<String, String> meta = new HashMap<>(e.meta());
                meta.put("diagnosis", statement.lines().findFirst().orElse("").strip());
                yield new Proposal.Edited(e.idea() + "\n\nDiagnosis:\n" + statement.strip(), meta);
            }
        };
    }

    /** One model call: the problem statement for this parent. */
    String diagnose(ProposalRequest r) {
        String user = "# The agent's files\n" + files(r.workDir()) + "\n# Its results on the benchmark\n"
                + TaskPrompt.result(r.parent()) + "\n\n# Its logs (agent transcripts and hidden-test output)\n"
                + (r.parentLog().isBlank() ? "(none)" : r.parentLog()) + "\n\nWrite the problem statement.";
        String text = chat.ask(DIAGNOSIS_SYSTEM, user, ledger, r.campaign(), r.node());
        return text.isBlank() ? "(the diagnosis step gave no statement)" : text.strip();
    }

    private static String files(Path root) {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> walk = Files.walk(root)) {
            // Links are left out: the diagnosis sees only what the agent's tools would let it read.
            List<Path> files = walk.filter(
                            p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && WorkDirectory.hardLinks(p) == 1)
                    .filter(p -> !root.relativize(p).toString().startsWith(".git"))
                    .sorted()
                    .toList();
            for (Path f : files) {
                String text;
                try {
                    text = WorkDirectory.read(f);
                } catch (IOException notText) {
                    out.append("## ").append(root.relativize(f)).append(" (not text)\n");
                    continue;
                }
                if (out.length() + text.length() > FILE_CHARS) {
                    out.append("## ").append(root.relativize(f)).append(" (not shown: too long)\n");
                    continue;
                }
                out.append("## ")
                        .append(root.relativize(f))
                        .append("\n```\n")
                        .append(text)
                        .append("\n```\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the agent folder " + root, e);
        }
        return out.toString();
    }
}
