package dev.clade.agents.coder;

import dev.clade.agents.llm.CostLedger;
import dev.clade.agents.llm.LlmCall;
import dev.clade.agents.llm.ReliableChat;
import dev.clade.agents.proposer.Proposal;
import dev.clade.agents.proposer.ProposalRequest;
import dev.clade.agents.proposer.Proposer;
import dev.clade.sandbox.Isolation;
import dev.clade.sandbox.Sandbox;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The LLM proposer ({@code proposer.kind: llm}): a tool loop in which the model reads the parent's code, edits it and
 * may run checks in the sandbox, until it calls {@code finish}, a cap is reached, or the campaign's dollar budget runs
 * out. Models that do not call tools may answer with edits in text instead. Model failures (refused key, endpoint
 * unreachable after retries) propagate as {@link dev.clade.agents.llm.ModelException}: they are infrastructure, not a
 * property of the parent.
 */
public final class CodingAgent implements Proposer {

    private static final Logger LOG = Logger.getLogger(CodingAgent.class);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final AgentDefinition agent;
    private final ReliableChat chat;
    private final CostLedger ledger;
    private final Sandbox sandbox;
    private final Isolation isolation;

    public CodingAgent(
            AgentDefinition agent, ReliableChat chat, CostLedger ledger, Sandbox sandbox, Isolation isolation) {
        this.agent = agent;
        this.chat = chat;
        this.ledger = ledger;
        this.sandbox = sandbox;
        this.isolation = isolation;
    }

    @Override
    public String name() {
        return "llm (" + agent.name() + ", " + chat.settings().label() + ")";
    }

    @Override
    public Proposal propose(ProposalRequest request) {
        return propose(request, line -> {});
    }

    /**
     * Proposes, writing a transcript to {@code trace} as it goes: each tool call and the start of its answer, text
     * replies, and how the proposal ended (what a diagnosis of the agent reads).
     */
    public Proposal propose(ProposalRequest request, Consumer<String> trace) {
        if (budgetSpent(request.campaign())) {
            return new Proposal.Declined("the campaign's dollar budget (budget.costUsd) is spent");
        }
        Proposal result = new Session(request, trace).run();
        trace.accept(
                switch (result) {
                    case Proposal.Edited e ->
                        "= edited: " + e.idea().lines().findFirst().orElse("") + " " + e.meta();
                    case Proposal.Declined d -> "= declined: " + d.reason();
                });
        return result;
    }

    private boolean budgetSpent(String campaign) {
        OptionalDouble left = ledger.remainingUsd(campaign);
        return left.isPresent() && left.getAsDouble() <= 0;
    }

    /** The state of one proposal. */
    private final class Session {
        private final ProposalRequest request;
        private final Consumer<String> trace;
        private final WorkTools tools;
        private final List<ChatMessage> messages = new ArrayList<>();
        private int toolCalls;
        private long tokensIn;
        private long tokensOut;
        private double cost;
        private int calls;
        private int failedEdits;
        private int emptyReplies;
        private boolean edited;
        private String lastFailure = "";

        Session(ProposalRequest request, Consumer<String> trace) {
            this.request = request;
            this.trace = trace;
            this.tools = new WorkTools(
                    request.workDir(),
                    request.editable(),
                    agent.tools(),
                    sandbox,
                    isolation,
                    agent.limits().commandTimeout(),
                    request.guidance().lookup());
            messages.add(SystemMessage.from(agent.systemPrompt()));
            messages.add(UserMessage.from(TaskPrompt.render(agent.taskPrompt(), request)));
        }

        Proposal run() {
            while (true) {
                Optional<String> stop = limitReached();
                if (stop.isPresent()) {
                    return end(Optional.empty(), stop.get());
                }
                AiMessage reply = ask();
                messages.add(reply);
                if (reply.hasToolExecutionRequests()) {
                    Optional<Proposal> done = runTools(reply.toolExecutionRequests());
                    if (done.isPresent()) {
                        return done.get();
                    }
                } else {
                    Optional<Proposal> done = readText(reply.text() == null ? "" : reply.text());
                    if (done.isPresent()) {
                        return done.get();
                    }
                }
            }
        }

        private AiMessage ask() {
            ChatRequest chatRequest = ChatRequest.builder()
                    .messages(messages)
                    .toolSpecifications(tools.specifications())
                    .build();
            ReliableChat.Reply reply = chat.chat(chatRequest);
            LlmCall call = reply.call();
            calls++;
            tokensIn += call.inputTokens();
            tokensOut += call.outputTokens();
            cost += call.costUsd();
            ledger.record(request.campaign(), request.node(), call);
            return reply.response().aiMessage();
        }

        private Optional<Proposal> runTools(List<ToolExecutionRequest> requests) {
            Optional<String> summary = Optional.empty();
            for (ToolExecutionRequest call : requests) {
                toolCalls++;
                if (call.name().equals(WorkTools.FINISH)) {
                    summary = Optional.of(summaryOf(call.arguments()));
                    messages.add(ToolExecutionResultMessage.from(call, "finished"));
                    continue;
                }
                WorkTools.Result result = tools.call(call.name(), call.arguments());
                messages.add(ToolExecutionResultMessage.from(call, result.text()));
                trace.accept("> " + call.name() + " " + abbreviate(String.valueOf(call.arguments()), 300));
                trace.accept("< " + abbreviate(result.text(), 500));
                if (result.editAttempt()) {
                    noteEdit(result);
                }
            }
            if (summary.isPresent()) {
                return Optional.of(end(summary, "finished"));
            }
            if (failedEdits > agent.limits().editRetries()) {
                return Optional.of(end(
                        Optional.empty(),
                        "an edit did not apply after " + agent.limits().editRetries() + " retr"
                                + (agent.limits().editRetries() == 1 ? "y" : "ies") + ": " + lastFailure));
            }
            return Optional.empty();
        }

        private void noteEdit(WorkTools.Result result) {
            if (result.edited()) {
                edited = true;
                failedEdits = 0;
            } else {
                failedEdits++;
                lastFailure = result.text().replace('\n', ' ');
            }
        }

        /** A reply without tool calls: edits in text, a closing summary, or something unusable. */
        private Optional<Proposal> readText(String text) {
            trace.accept("> reply: " + abbreviate(text, 500));
            WorkTools.Result result = tools.applyText(text);
            boolean hasEdits = !result.text().startsWith("no edit found");
            if (hasEdits) {
                noteEdit(result);
                if (result.edited()) {
                    return Optional.of(end(ideaFrom(text), "finished"));
                }
                if (failedEdits > agent.limits().editRetries()) {
                    return Optional.of(end(
                            Optional.empty(),
                            "an edit did not apply after " + agent.limits().editRetries() + " retr"
                                    + (agent.limits().editRetries() == 1 ? "y" : "ies") + ": " + lastFailure));
                }
                messages.add(UserMessage.from("Your edits were " + result.text()
                        + "\nFix them and send them again (SEARCH must copy the file's current lines exactly)."));
                return Optional.empty();
            }
            if (edited) { // closing words after tool calls ("Done.") say nothing about the change unless an IDEA line
                return Optional.of(end(ideaLine(text), "finished"));
            }
            emptyReplies++;
            if (emptyReplies > 1) {
                return Optional.of(new Proposal.Declined("the model's reply held no valid edit: "
                        + abbreviate(text.isBlank() ? "(empty reply)" : text.strip(), 200)));
            }
            messages.add(UserMessage.from("Your reply held no edit and no tool call. Change the code with the"
                    + " apply_edits tool, or answer with SEARCH/REPLACE blocks (the file's path on the line before"
                    + " <<<<<<< SEARCH) followed by a line IDEA: <one-line summary>."));
            return Optional.empty();
        }

        private Optional<String> limitReached() {
            if (toolCalls >= agent.limits().toolCalls()) {
                return Optional.of("tool-call limit of " + agent.limits().toolCalls() + " reached");
            }
            if (tokensIn + tokensOut >= agent.limits().tokens()) {
                return Optional.of("token limit of " + agent.limits().tokens() + " reached");
            }
            if (budgetSpent(request.campaign())) {
                return Optional.of("the campaign's dollar budget ran out");
            }
            return Optional.empty();
        }

        /** The proposal: the edits so far with the model's summary (or a stated one), or a decline. */
        private Proposal end(Optional<String> summary, String why) {
            LOG.debugf("node %d: %s after %d calls, %d tool calls", request.node(), why, calls, toolCalls);
            if (!edited) {
                return new Proposal.Declined(why + " without an edit that applied");
            }
            String idea = summary.filter(s -> !s.isBlank()).orElseGet(tools::changeSummary);
            Map<String, String> meta = new java.util.HashMap<>(Map.of(
                    "idea",
                    idea.lines().findFirst().orElse(idea),
                    "model",
                    chat.settings().label(),
                    "calls",
                    Integer.toString(calls),
                    "toolCalls",
                    Integer.toString(toolCalls),
                    "tokensIn",
                    Long.toString(tokensIn),
                    "tokensOut",
                    Long.toString(tokensOut),
                    "costUsd",
                    String.format(Locale.ROOT, "%.6f", cost)));
            if (!why.equals("finished")) {
                meta.put("stopped", why);
            }
            return new Proposal.Edited(idea, meta);
        }
    }

    private static String summaryOf(String arguments) {
        try {
            return JSON.readTree(arguments).path("summary").asText("").strip();
        } catch (Exception e) {
            return "";
        }
    }

    /** The text after an {@code IDEA:} line's marker, if the text has one. */
    static Optional<String> ideaLine(String text) {
        for (String line : text.lines().toList()) {
            String t = line.strip();
            if (t.regionMatches(true, 0, "IDEA:", 0, 5) && !t.substring(5).isBlank()) {
                return Optional.of(abbreviate(t.substring(5).strip(), 200));
            }
        }
        return Optional.empty();
    }

    /**
     * The idea of a reply that holds edits: its {@code IDEA:} line, else its first line of prose outside the edits (not
     * a fence, a diff header, a line inside a SEARCH/REPLACE block, nor the file path before one); empty when there is
     * none, and the idea is then derived from the change.
     */
    static Optional<String> ideaFrom(String text) {
        Optional<String> line = ideaLine(text);
        if (line.isPresent()) {
            return line;
        }
        List<String> lines = text.lines().map(String::strip).toList();
        boolean inBlock = false;
        boolean inDiff = false;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i);
            if (t.startsWith("<<<<<<<")) {
                inBlock = true;
                continue;
            }
            if (t.startsWith(">>>>>>>")) {
                inBlock = false;
                continue;
            }
            if (t.startsWith("@@") || t.startsWith("--- ") || t.startsWith("diff ")) {
                inDiff = true;
                continue;
            }
            if (t.startsWith("```")) {
                inDiff = false;
                continue;
            }
            boolean pathOfBlock = i + 1 < lines.size() && lines.get(i + 1).startsWith("<<<<<<<")
                    || i + 2 < lines.size()
                            && lines.get(i + 1).startsWith("```")
                            && lines.get(i + 2).startsWith("<<<<<<<");
            if (inBlock || inDiff || pathOfBlock || t.isEmpty() || t.startsWith("+++") || t.startsWith("===")) {
                continue;
            }
            return Optional.of(abbreviate(t, 200));
        }
        return Optional.empty();
    }

    private static String abbreviate(String s, int max) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= max ? one : one.substring(0, max) + "...";
    }
}
