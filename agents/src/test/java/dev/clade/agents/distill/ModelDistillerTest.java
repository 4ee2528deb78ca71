package dev.clade.agents.distill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.agents.llm.ChatModels;
import dev.clade.agents.llm.CostLedger;
import dev.clade.agents.llm.LlmCall;
import dev.clade.agents.llm.ModelSettings;
import dev.clade.agents.llm.Price;
import dev.clade.agents.llm.Provider;
import dev.clade.agents.llm.ReliableChat;
import dev.clade.agents.testing.ScriptedOpenAiServer;
import dev.clade.memory.distill.LessonKind;
import dev.clade.memory.distill.Trace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelDistillerTest {

    private final ScriptedOpenAiServer server = new ScriptedOpenAiServer();
    private final List<LlmCall> calls = new ArrayList<>();
    private final CostLedger ledger = new CostLedger() {
        @Override
        public void record(String campaign, long node, LlmCall call) {
            calls.add(call);
        }

        @Override
        public OptionalDouble remainingUsd(String campaign) {
            return OptionalDouble.empty();
        }
    };

    @AfterEach
    void tearDown() {
        server.close();
    }

    private ModelDistiller distiller() {
        ModelSettings settings = ModelSettings.of(Provider.OPENAI, "scripted")
                .withBaseUrl(server.baseUrl())
                .withRetries(0, Duration.ofMillis(1))
                .withPrice(new Price(10, 50));
        return new ModelDistiller(new ReliableChat(ChatModels.create(settings, Map.of()), settings), ledger);
    }

    private static ModelDistiller.Input input() {
        Trace trace = new Trace(
                "c",
                4,
                "abc4",
                "Vectorise the inner loop with numpy",
                List.of(),
                Trace.Outcome.FAILED,
                "exited with code 1",
                "Traceback ...\nValueError: operands could not be broadcast together with shapes (40,2) (40,)",
                OptionalDouble.empty());
        return new ModelDistiller.Input(trace, "Speed up the solver", "-for i in ...\n+np.sum(...)", "");
    }

    @Test
    void should_turn_the_models_json_into_lessons_with_normalised_triggers() {
        server.then(server.text("""
                Here you go:
                ```json
                [{"kind": "failure_mode", "trigger": "Broadcasting shapes (40,2) and (40,) in the vectorised loop",
                  "lesson": "Vectorising the inner loop broke on mismatched array shapes.",
                  "fix": "Reshape the distances to (n, 1) before broadcasting.", "sign": -1},
                 {"kind": "telepathy", "trigger": "x", "lesson": "y"}]
                ```"""));

        ModelDistiller.Result result = distiller().distill(input());

        assertThat(result.lessons()).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo(LessonKind.FAILURE_MODE);
            assertThat(l.trigger()).isEqualTo("broadcasting shapes (<n>,<n>) and (<n>,) in the vectorised loop");
            assertThat(l.suggestedFix()).startsWith("Reshape");
            assertThat(l.outcomeSign()).isEqualTo(-1);
            assertThat(l.evidence()).extracting(e -> e.node()).containsExactly(4L);
        });
        assertThat(result.problem()).contains("unknown kind 'telepathy'");
        assertThat(calls).hasSize(1);
        String asked = ScriptedOpenAiServer.taskText(server.requests().get(0));
        assertThat(asked).contains("Vectorise the inner loop", "operands could not be broadcast", "+np.sum");
    }

    @Test
    void should_give_no_lessons_and_say_why_when_the_reply_is_not_json() {
        server.then(server.text("The experiment failed because of shapes."));

        ModelDistiller.Result result = distiller().distill(input());

        assertThat(result.lessons()).isEmpty();
        assertThat(result.problem()).startsWith("the answer is not a JSON array");
    }
}
