package dev.clade.agents.coder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clade.agents.llm.ChatModels;
import dev.clade.agents.llm.CostLedger;
import dev.clade.agents.llm.LlmCall;
import dev.clade.agents.llm.ModelSettings;
import dev.clade.agents.llm.Price;
import dev.clade.agents.llm.Provider;
import dev.clade.agents.llm.ReliableChat;
import dev.clade.agents.proposer.Guidance;
import dev.clade.agents.proposer.NodeSummary;
import dev.clade.agents.proposer.Operator;
import dev.clade.agents.proposer.Proposal;
import dev.clade.agents.proposer.ProposalRequest;
import dev.clade.agents.testing.ScriptedOpenAiServer;
import dev.clade.sandbox.Isolation;
import dev.clade.sandbox.Sandboxes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodingAgentTest {

    @TempDir
    Path work;

    @TempDir
    Path host;

    private final ScriptedOpenAiServer server = new ScriptedOpenAiServer();
    private final MemoryLedger ledger = new MemoryLedger();

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(work.resolve("solver.py"), "STEP = 5\nRATE = 0.1\n");
        Files.writeString(work.resolve("evaluate.py"), "print('{\"score\": 1}')\n");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private CodingAgent agent() {
        // $10 / $50 per million tokens: each scripted reply (1000 in, 200 out) costs $0.02.
        ModelSettings settings = ModelSettings.of(Provider.OPENAI, "scripted")
                .withBaseUrl(server.baseUrl())
                .withRetries(0, Duration.ofMillis(1))
                .withPrice(new Price(10, 50));
        return new CodingAgent(
                AgentFolder.builtIn(),
                new ReliableChat(ChatModels.create(settings, Map.of()), settings),
                ledger,
                Sandboxes.best(),
                Isolation.defaults());
    }

    private ProposalRequest request() {
        NodeSummary parent = new NodeSummary(0, OptionalDouble.of(12.5), false, "tour length 12.5", Map.of());
        return new ProposalRequest(
                "c1",
                1,
                "Make the tour shorter",
                work,
                p -> p.equals("solver.py"),
                java.util.List.of(),
                Operator.IMPROVE,
                false,
                parent,
                Optional.empty(),
                List.of(),
                List.of(),
                7L,
                "stage quick: tour length 12.5",
                Guidance.none());
    }

    private static String block(String search, String replace) {
        return "solver.py\n<<<<<<< SEARCH\n" + search + "\n=======\n" + replace + "\n>>>>>>> REPLACE\n";
    }

    @Test
    void should_read_edit_check_and_finish_through_tool_calls() throws IOException {
        server.then(server.toolCall("read_file", Map.of("path", "solver.py")))
                .then(server.toolCall("apply_edits", Map.of("edits", block("STEP = 5", "STEP = 3"))))
                .then(server.toolCall("run_command", Map.of("command", "grep STEP solver.py")))
                .then(server.toolCall("finish", Map.of("summary", "Smaller step for finer search")));

        Proposal proposal = agent().propose(request());

        assertThat(proposal).isInstanceOfSatisfying(Proposal.Edited.class, e -> {
            assertThat(e.idea()).isEqualTo("Smaller step for finer search");
            assertThat(e.meta()).containsEntry("calls", "4").containsEntry("costUsd", "0.080000");
        });
        assertThat(Files.readString(work.resolve("solver.py"))).startsWith("STEP = 3\n");
        List<JsonNode> requests = server.requests();
        assertThat(ScriptedOpenAiServer.taskText(requests.get(0)))
                .contains("Make the tour shorter", "as low as possible", "tour length 12.5", "STEP = 5", "solver.py");
        assertThat(lastMessage(requests.get(1))).contains("1: STEP = 5");
        assertThat(lastMessage(requests.get(3))).contains("exited with code 0", "STEP = 3");
        assertThat(requests.get(0).path("tools").toString()).contains("apply_edits", "run_command", "finish");
        assertThat(ledger.calls).hasSize(4);
    }

    @Test
    void should_send_back_an_edit_that_does_not_apply_and_take_the_retry() throws IOException {
        server.then(server.toolCall("apply_edits", Map.of("edits", block("STEP = 50", "STEP = 3"))))
                .then(server.toolCall("apply_edits", Map.of("edits", block("STEP = 5", "STEP = 3"))))
                .then(server.toolCall("finish", Map.of("summary", "Smaller step")));

        Proposal proposal = agent().propose(request());

        assertThat(proposal).isInstanceOf(Proposal.Edited.class);
        assertThat(lastMessage(server.requests().get(1))).contains("not applied", "not found in solver.py");
        assertThat(Files.readString(work.resolve("solver.py"))).startsWith("STEP = 3\n");
    }

    @Test
    void should_give_up_when_the_retry_does_not_apply_either() throws IOException {
        server.then(server.toolCall("apply_edits", Map.of("edits", block("STEP = 50", "STEP = 3"))))
                .then(server.toolCall("apply_edits", Map.of("edits", block("STEP = 51", "STEP = 3"))));

        Proposal proposal = agent().propose(request());

        assertThat(proposal)
                .isInstanceOfSatisfying(
                        Proposal.Declined.class,
                        d -> assertThat(d.reason()).contains("did not apply after 1 retry", "not found in solver.py"));
        assertThat(server.requests()).hasSize(2);
        assertThat(Files.readString(work.resolve("solver.py"))).startsWith("STEP = 5\n");
    }

    @Test
    void should_refuse_an_edit_of_the_evaluator() throws IOException {
        server.then(server.toolCall("write_file", Map.of("path", "evaluate.py", "content", "print('{\"score\": 0}')")))
                .then(server.toolCall("write_file", Map.of("path", "evaluate.py", "content", "x")));

        Proposal proposal = agent().propose(request());

        assertThat(proposal).isInstanceOf(Proposal.Declined.class);
        assertThat(lastMessage(server.requests().get(1))).contains("evaluate.py is not editable");
        assertThat(Files.readString(work.resolve("evaluate.py"))).contains("\"score\": 1");
    }

    @Test
    void should_ask_again_after_a_malformed_reply_then_decline() {
        server.then(server.text("The code looks fine to me."))
                .then(server.toolCalls(Map.of("apply_edits", "{not json")))
                .then(server.text("Still fine."));

        Proposal proposal = agent().propose(request());

        assertThat(proposal)
                .isInstanceOfSatisfying(
                        Proposal.Declined.class,
                        d -> assertThat(d.reason()).contains("held no valid edit", "Still fine."));
        assertThat(lastMessage(server.requests().get(1))).contains("held no edit and no tool call");
        assertThat(lastMessage(server.requests().get(2))).contains("not valid JSON");
    }

    @Test
    void should_take_edits_written_in_text_by_a_model_without_tools() throws IOException {
        server.then(server.text("Here it is.\n\n" + block("RATE = 0.1", "RATE = 0.05") + "\nIDEA: Halve the rate"));

        Proposal proposal = agent().propose(request());

        assertThat(proposal)
                .isInstanceOfSatisfying(
                        Proposal.Edited.class, e -> assertThat(e.idea()).isEqualTo("Halve the rate"));
        assertThat(Files.readString(work.resolve("solver.py"))).contains("RATE = 0.05");
    }

    @Test
    void should_derive_the_idea_from_the_change_when_a_text_reply_has_no_idea_line() throws IOException {
        server.then(server.text(block("RATE = 0.1", "RATE = 0.05")));

        Proposal proposal = agent().propose(request());

        assertThat(proposal)
                .isInstanceOfSatisfying(
                        Proposal.Edited.class,
                        e -> assertThat(e.idea()).isEqualTo("solver.py: RATE = 0.1 -> RATE = 0.05"));
    }

    @Test
    void should_take_the_prose_of_a_text_reply_as_its_idea_but_never_the_path_of_an_edit() throws IOException {
        server.then(
                server.text("solver.py\n```\n<<<<<<< SEARCH\nRATE = 0.1\n=======\nRATE = 0.05\n>>>>>>> REPLACE\n```\n"
                        + "Halve the rate so that the search settles.\n"));

        assertThat(agent().propose(request()))
                .isInstanceOfSatisfying(
                        Proposal.Edited.class,
                        e -> assertThat(e.idea()).isEqualTo("Halve the rate so that the search settles."));
    }

    @Test
    void should_not_take_closing_words_after_tool_calls_as_the_idea() throws IOException {
        server.then(server.toolCall("apply_edits", Map.of("edits", block("STEP = 5", "STEP = 3"))))
                .then(server.text("Done: applied the planned change."));

        Proposal first = agent().propose(request());
        server.then(server.toolCall(
                        "write_file", Map.of("path", "solver.py", "content", "STEP = 2\nRATE = 0.2\nX = 1\n")))
                .then(server.text("Done: applied the planned change."));
        Proposal second = agent().propose(request());

        assertThat(first)
                .isInstanceOfSatisfying(
                        Proposal.Edited.class, e -> assertThat(e.idea()).isEqualTo("solver.py: STEP = 5 -> STEP = 3"));
        // the same closing words over a different change: a different idea, so lessons never merge the two
        assertThat(second)
                .isInstanceOfSatisfying(
                        Proposal.Edited.class,
                        e -> assertThat(e.idea()).isEqualTo("solver.py: lines 1-3 changed (+3 -2)"));
    }

    @Test
    void should_stop_when_the_dollar_budget_runs_out_keeping_what_applied() throws IOException {
        ledger.limitUsd = 0.03; // room for two calls of $0.02
        server.then(server.toolCall("apply_edits", Map.of("edits", block("STEP = 5", "STEP = 4"))))
                .then(server.toolCall("read_file", Map.of("path", "solver.py")))
                .otherwise(r -> server.toolCall("finish", Map.of("summary", "never reached")));

        Proposal proposal = agent().propose(request());

        assertThat(server.requests()).hasSize(2);
        assertThat(proposal).isInstanceOfSatisfying(Proposal.Edited.class, e -> {
            assertThat(e.idea()).isEqualTo("solver.py: STEP = 5 -> STEP = 4"); // derived from the change
            assertThat(e.meta()).containsEntry("stopped", "the campaign's dollar budget ran out");
        });
        assertThat(agent().propose(request()))
                .isInstanceOfSatisfying(
                        Proposal.Declined.class, d -> assertThat(d.reason()).contains("budget.costUsd"));
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void should_not_let_the_model_write_a_host_file_through_a_link_its_command_made() throws IOException {
        // given the attack as a model ran it: a link made by a command, then a write of the link
        Path hostFile = Files.writeString(host.resolve("bashrc"), "alias ls='ls -F'\n");
        server.then(server.toolCall(
                        "run_command", Map.of("command", "rm solver.py && ln -s " + hostFile + " solver.py")))
                .then(server.toolCall("write_file", Map.of("path", "solver.py", "content", "pwned\n")))
                .then(server.toolCall("write_file", Map.of("path", "solver.py", "content", "pwned\n")));

        // when
        Proposal proposal = agent().propose(request());

        // then
        assertThat(Files.isSymbolicLink(work.resolve("solver.py"))).isTrue();
        assertThat(lastMessage(server.requests().get(2))).contains("solver.py is a symbolic link");
        assertThat(proposal).isInstanceOf(Proposal.Declined.class);
        assertThat(Files.readString(hostFile)).isEqualTo("alias ls='ls -F'\n");
    }

    @Test
    void should_not_send_clade_s_environment_to_the_model_through_a_link_its_command_made() {
        // given
        server.then(server.toolCall("run_command", Map.of("command", "ln -s /proc/self/environ env.txt")))
                .then(server.toolCall("read_file", Map.of("path", "env.txt")))
                .then(server.toolCall("finish", Map.of("summary", "nothing")));

        // when
        Proposal proposal = agent().propose(request());

        // then
        assertThat(Files.isSymbolicLink(work.resolve("env.txt"))).isTrue();
        String answer = lastMessage(server.requests().get(2));
        assertThat(answer).contains("env.txt", "symbolic link").doesNotContain("PATH=");
        assertThat(server.requests().toString()).doesNotContain("PATH=");
        assertThat(proposal).isInstanceOf(Proposal.Declined.class);
    }

    @Test
    void should_not_show_a_linked_file_in_the_task_prompt() throws IOException {
        // given an editable name that links to a host file
        Path hostFile = Files.writeString(host.resolve("secrets.py"), "API_KEY = 'sk-host-secret'\n");
        Files.delete(work.resolve("solver.py"));
        Files.createSymbolicLink(work.resolve("solver.py"), hostFile);
        server.then(server.toolCall("finish", Map.of("summary", "nothing")));

        // when
        agent().propose(request());

        // then
        assertThat(ScriptedOpenAiServer.taskText(server.requests().get(0))).doesNotContain("sk-host-secret");
    }

    private static String lastMessage(JsonNode request) {
        JsonNode messages = request.path("messages");
        JsonNode last = messages.get(messages.size() - 1);
        return last.path("content").asText();
    }

    private static final class MemoryLedger implements CostLedger {
        final List<LlmCall> calls = new CopyOnWriteArrayList<>();
        volatile double limitUsd = Double.NaN;

        @Override
        public void record(String campaign, long node, LlmCall call) {
            calls.add(call);
        }

        @Override
        public OptionalDouble remainingUsd(String campaign) {
            if (Double.isNaN(limitUsd)) {
                return OptionalDouble.empty();
            }
            double spent = calls.stream().mapToDouble(LlmCall::costUsd).sum();
            return OptionalDouble.of(Math.max(0, limitUsd - spent));
        }
    }
}
