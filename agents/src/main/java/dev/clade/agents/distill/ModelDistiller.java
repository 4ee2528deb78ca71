package dev.clade.agents.distill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clade.agents.llm.CostLedger;
import dev.clade.agents.llm.ReliableChat;
import dev.clade.memory.distill.ErrorSignature;
import dev.clade.memory.distill.Lesson;
import dev.clade.memory.distill.LessonKind;
import dev.clade.memory.distill.Trace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Lessons written by a model from one node's trace: its idea, its diff, the outcome against its parent, the
 * evaluator's feedback and the end of its logs. One call per node, counted in the campaign's ledger. What the model
 * writes is checked: a reply that is not the asked-for JSON gives no lessons and says why, so the deterministic
 * distiller's lessons stand alone for that node.
 */
public final class ModelDistiller {

    static final String SYSTEM = """
            You distill lessons from one experiment of an optimization campaign, for the agents that make the next
            experiments. A lesson must be general enough to matter again: a failure mode (an error and what causes
            it), a success pattern (a kind of change that helped), an environment constraint (what the machine or
            installed software does not allow), or no gain (a kind of change that did nothing or made things worse).
            Answer with a JSON array only, no prose, at most 3 items, [] when nothing general was learned:
            [{"kind": "failure_mode" | "success_pattern" | "environment_constraint" | "no_gain",
              "trigger": "the situation in a few words, without numbers that change between runs",
              "lesson": "one sentence", "fix": "one sentence: what to do about it", "sign": -1 | 0 | 1}]
            sign: 1 helped, 0 did nothing, -1 broke or hurt the run.""";

    static final int MAX_LESSONS = 3;
    static final int DIFF_CHARS = 8_000;
    static final int LOG_CHARS = 4_000;
    static final double CONFIDENCE = 0.5;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the model reads of a node besides its trace.
     *
     * @param diff the node's diff against its parent
     * @param feedback the evaluator's feedback, never from a holdout stage
     */
    public record Input(Trace trace, String goal, String diff, String feedback) {
        public Input {
            Objects.requireNonNull(trace, "trace");
            goal = goal == null ? "" : goal;
            diff = diff == null ? "" : diff;
            feedback = feedback == null ? "" : feedback;
        }
    }

    /** The lessons, or why there are none. */
    public record Result(List<Lesson> lessons, String problem) {
        public Result {
            lessons = List.copyOf(lessons);
            problem = problem == null ? "" : problem;
        }
    }

    private final ReliableChat chat;
    private final CostLedger ledger;

    public ModelDistiller(ReliableChat chat, CostLedger ledger) {
        this.chat = chat;
        this.ledger = ledger;
    }

    /** The model's label ({@code openai:gpt-4.1-mini}), stored with its lessons. */
    public String model() {
        return chat.settings().label();
    }

    /** One call; {@link dev.clade.agents.llm.ModelException} when the model cannot be reached. */
    public Result distill(Input in) {
        return parse(
                chat.ask(
                        SYSTEM,
                        prompt(in),
                        ledger,
                        in.trace().campaign(),
                        in.trace().node()),
                in.trace());
    }

    static String prompt(Input in) {
        Trace t = in.trace();
        return "# Goal\n" + in.goal() + "\n\n# The experiment (node " + t.node() + ")\nIdea: " + t.idea()
                + "\nOutcome against its parent: "
                + t.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (t.delta().isPresent()
                        ? String.format(
                                Locale.ROOT, " (score change %+.4g)", t.delta().getAsDouble())
                        : "")
                + (t.failure().isBlank() ? "" : "\nFailure: " + t.failure())
                + (in.feedback().isBlank() ? "" : "\nEvaluator feedback: " + in.feedback())
                + "\n\n# Its diff against its parent\n```diff\n" + head(in.diff(), DIFF_CHARS) + "\n```"
                + (t.errorOutput().isBlank()
                        ? ""
                        : "\n\n# End of the failing stage's output\n```\n" + tail(t.errorOutput()) + "\n```")
                + "\n\nWrite the lessons as a JSON array.";
    }

    static Result parse(String text, Trace t) {
        if (text == null || text.isBlank()) {
            return new Result(List.of(), "the model gave no answer");
        }
        String body = text.strip();
        int start = body.indexOf('[');
        int end = body.lastIndexOf(']');
        if (start < 0 || end < start) {
            return new Result(List.of(), "the answer is not a JSON array: " + head(body, 120));
        }
        JsonNode array;
        try {
            array = JSON.readTree(body.substring(start, end + 1));
        } catch (IOException e) {
            return new Result(
                    List.of(),
                    "the answer is not valid JSON: "
                            + e.getMessage().lines().findFirst().orElse(""));
        }
        List<Lesson> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Lesson.Evidence evidence = new Lesson.Evidence(t.campaign(), t.node(), t.commit());
        for (JsonNode item : array) {
            if (out.size() == MAX_LESSONS) {
                break;
            }
            try {
                out.add(lesson(item, evidence));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return new Result(out, String.join("; ", problems));
    }

    private static Lesson lesson(JsonNode item, Lesson.Evidence evidence) {
        String kind = item.path("kind").asText("").toUpperCase(Locale.ROOT);
        LessonKind k;
        try {
            k = LessonKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown kind '" + item.path("kind").asText("") + "'");
        }
        if (k == LessonKind.RECOMMENDATION) { // written by the recommender, never distilled from one node
            throw new IllegalArgumentException(
                    "unknown kind '" + item.path("kind").asText("") + "'");
        }
        String trigger = item.path("trigger").asText("").strip();
        String lesson = item.path("lesson").asText("").strip();
        if (trigger.isEmpty() || lesson.isEmpty()) {
            throw new IllegalArgumentException("a lesson needs a trigger and a lesson");
        }
        int sign = item.path("sign").asInt(k == LessonKind.SUCCESS_PATTERN ? 1 : k == LessonKind.NO_GAIN ? 0 : -1);
        return new Lesson(
                k,
                // Normalised like the deterministic distiller's triggers, so that near-duplicates merge.
                ErrorSignature.normalise(trigger).toLowerCase(Locale.ROOT),
                lesson,
                item.path("fix").asText("").strip(),
                Math.max(-1, Math.min(1, sign)),
                List.of(evidence),
                CONFIDENCE);
    }

    private static String head(String s, int chars) {
        return s.length() > chars ? s.substring(0, chars) + "\n[...]" : s;
    }

    private static String tail(String s) {
        return s.length() > LOG_CHARS ? "[...]\n" + s.substring(s.length() - LOG_CHARS) : s;
    }
}
