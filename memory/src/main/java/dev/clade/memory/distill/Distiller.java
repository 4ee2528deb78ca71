package dev.clade.memory.distill;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The deterministic distiller, for campaigns without a model: error signatures of failures (normalised, so that the
 * same mistake is recognised again) and the effects of parameter changes (this change, in this direction, helped, did
 * nothing, or broke the run).
 */
public final class Distiller {

    /** Confidence of a lesson seen once. */
    static final double FIRST_CONFIDENCE = 0.5;

    private Distiller() {}

    public static List<Lesson> distill(Trace t) {
        Lesson.Evidence evidence = new Lesson.Evidence(t.campaign(), t.node(), t.commit());
        return t.outcome() == Trace.Outcome.FAILED ? failure(t, evidence) : effects(t, evidence);
    }

    /** A failure: its error signature, and the move it is blamed on (or the moves together). */
    private static List<Lesson> failure(Trace t, Lesson.Evidence evidence) {
        List<Lesson> out = new ArrayList<>();
        Optional<String> signature = ErrorSignature.of(t.errorOutput(), t.failure());
        String why = signature.orElse("the evaluation failed");
        if (signature.isPresent() && ErrorSignature.environmental(signature.get())) {
            out.add(new Lesson(
                    LessonKind.ENVIRONMENT_CONSTRAINT,
                    signature.get(),
                    "The evaluator's environment does not allow this: " + signature.get(),
                    "Work within the environment (installed modules, memory, time) instead of changing it",
                    -1,
                    List.of(evidence),
                    FIRST_CONFIDENCE));
        } else if (signature.isPresent()) {
            out.add(new Lesson(
                    LessonKind.FAILURE_MODE,
                    signature.get(),
                    (t.idea().isBlank() ? "A change" : "The change '" + t.idea() + "'") + " broke the run: "
                            + signature.get(),
                    "Avoid changes that lead to this error, or fix its cause first",
                    -1,
                    List.of(evidence),
                    FIRST_CONFIDENCE));
        }
        Optional<Trace.ParameterChange> blamed = dominant(t.changes());
        if (blamed.isPresent()) {
            out.add(bound(blamed.get(), why, evidence));
        } else if (t.changes().size() > 1) {
            out.add(together(t.changes(), why, evidence));
        }
        return out;
    }

    /** Which of several moves broke the run is unknown: no bound on any, one lesson about the combination. */
    private static Lesson together(List<Trace.ParameterChange> changes, String why, Lesson.Evidence evidence) {
        return new Lesson(
                LessonKind.FAILURE_MODE,
                changes.stream()
                                .map(c -> c.name() + " " + c.direction())
                                .reduce((a, b) -> a + ", " + b)
                                .orElseThrow() + " in " + changes.get(0).file(),
                "Moving "
                        + changes.stream()
                                .map(c -> c.name() + " " + c.direction() + " (" + number(c.from()) + " -> "
                                        + number(c.to()) + ")")
                                .reduce((a, b) -> a + " and " + b)
                                .orElseThrow()
                        + " together broke the run (" + why + ")",
                "Move one of them at a time to find which one breaks it",
                -1,
                List.of(evidence),
                FIRST_CONFIDENCE);
    }

    /** A scored node: the effect of each parameter move, or of the idea when the proposer names none. */
    private static List<Lesson> effects(Trace t, Lesson.Evidence evidence) {
        List<Lesson> out = new ArrayList<>();
        String effect =
                t.delta().isPresent() ? " (score change " + signed(t.delta().getAsDouble()) + ")" : "";
        for (Trace.ParameterChange c : t.changes()) {
            switch (t.outcome()) {
                case IMPROVED ->
                    out.add(parameter(
                            LessonKind.SUCCESS_PATTERN,
                            c,
                            1,
                            "improved the score" + effect,
                            "Try moving " + c.name() + " further " + c.direction(),
                            evidence));
                case NO_GAIN ->
                    out.add(parameter(
                            LessonKind.NO_GAIN,
                            c,
                            0,
                            "did not change the score",
                            "Spend experiments elsewhere",
                            evidence));
                case WORSE ->
                    out.add(parameter(
                            LessonKind.NO_GAIN,
                            c,
                            -1,
                            "made the score worse" + effect,
                            "Try " + c.name() + " the other way",
                            evidence));
                case FAILED -> throw new IllegalStateException("handled above");
            }
        }
        if (t.changes().isEmpty()
                && t.outcome() == Trace.Outcome.IMPROVED
                && !t.idea().isBlank()) {
            out.add(new Lesson(
                    LessonKind.SUCCESS_PATTERN,
                    "idea: " + ErrorSignature.normalise(t.idea()).toLowerCase(Locale.ROOT),
                    "The change '" + t.idea() + "' improved the score" + effect,
                    "Build on it",
                    1,
                    List.of(evidence),
                    FIRST_CONFIDENCE));
        }
        return out;
    }

    /** A move this many times larger (relative to its value) than every other one is blamed alone for a failure. */
    static final double DOMINANCE = 4;

    /**
     * The move to blame for a failure: the only one, or one that dwarfs the others (relative to the values moved; a
     * proposer that nudges a second parameter slightly did not break the run with the nudge). Empty when it is unclear.
     */
    static Optional<Trace.ParameterChange> dominant(List<Trace.ParameterChange> changes) {
        if (changes.size() == 1) {
            return Optional.of(changes.get(0));
        }
        Trace.ParameterChange largest = null;
        double first = 0;
        double second = 0;
        for (Trace.ParameterChange c : changes) {
            double size = Math.abs(c.to() - c.from()) / Math.max(Math.abs(c.from()), 1e-9);
            if (size > first) {
                second = first;
                first = size;
                largest = c;
            } else if (size > second) {
                second = size;
            }
        }
        return largest != null && first >= DOMINANCE * second ? Optional.of(largest) : Optional.empty();
    }

    /** The parameter a failure is blamed on: the value it broke at bounds it. */
    private static Lesson bound(Trace.ParameterChange c, String why, Lesson.Evidence evidence) {
        ParameterLimit limit = new ParameterLimit(c.file(), c.name(), c.to() > c.from(), c.to());
        Lesson l = parameter(
                LessonKind.FAILURE_MODE,
                c,
                -1,
                "broke the run (" + why + ")",
                "Keep " + c.name() + (limit.below() ? " below " : " above ") + number(c.to()),
                evidence);
        return new Lesson(
                l.kind(),
                l.trigger(),
                l.lesson(),
                l.suggestedFix(),
                l.outcomeSign(),
                l.evidence(),
                l.confidence(),
                Optional.of(limit));
    }

    private static Lesson parameter(
            LessonKind kind, Trace.ParameterChange c, int sign, String effect, String fix, Lesson.Evidence evidence) {
        return new Lesson(
                kind,
                c.name() + " " + c.direction() + " in " + c.file(),
                "Moving " + c.name() + " " + c.direction() + " in " + c.file() + " (" + number(c.from()) + " -> "
                        + number(c.to()) + ") " + effect,
                fix,
                sign,
                List.of(evidence),
                FIRST_CONFIDENCE);
    }

    static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static String signed(double d) {
        return (d >= 0 ? "+" : "") + String.format(Locale.ROOT, "%.4g", d);
    }
}
