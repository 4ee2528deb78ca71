package dev.clade.memory.distill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class DistillerTest {

    private static final String TRACEBACK = """
            Traceback (most recent call last):
              File "/tmp/clade/work/c/7/src/evaluate.py", line 42, in <module>
                tour = solve(cities, temperature=812.5)
              File "/tmp/clade/work/c/7/src/solver.py", line 17, in solve
                raise OverflowError(f"math range error at step {step}")
            OverflowError: math range error at step 10432
            """;

    private static Trace failed(long node, String errorOutput, String failure, Trace.ParameterChange... changes) {
        return new Trace(
                "c",
                node,
                "abc" + node,
                "draft: T 0.5 -> 812.5",
                List.of(changes),
                Trace.Outcome.FAILED,
                failure,
                errorOutput,
                OptionalDouble.empty());
    }

    @Test
    void should_normalise_error_signatures_so_the_same_mistake_matches() {
        assertThat(ErrorSignature.of(TRACEBACK, "exited with code 1"))
                .hasValue("OverflowError: math range error at step <n>");
        assertThat(ErrorSignature.of(TRACEBACK.replace("10432", "77"), "exited with code 1"))
                .isEqualTo(ErrorSignature.of(TRACEBACK, "exited with code 1"));
        assertThat(ErrorSignature.of(
                        "Exception in thread \"main\" java.lang.IllegalStateException: bad size 12 at /opt/x/y.txt",
                        ""))
                .hasValue("Exception in thread \"main\" java.lang.IllegalStateException: bad size <n> at <path>");
        assertThat(ErrorSignature.of("", "timed out after 30s; process group killed"))
                .hasValue("timed out after <n>s; process group killed");
        assertThat(ErrorSignature.of("", "")).isEmpty();
        assertThat(ErrorSignature.of("ModuleNotFoundError: No module named 'torch2'", "exited with code 1"))
                .hasValueSatisfying(
                        s -> assertThat(ErrorSignature.environmental(s)).isTrue())
                .hasValue("ModuleNotFoundError: No module named 'torch2'");
    }

    @Test
    void should_learn_a_failure_mode_and_which_parameter_move_broke_the_run() {
        List<Lesson> lessons = Distiller.distill(
                failed(7, TRACEBACK, "exited with code 1", new Trace.ParameterChange("solver.py", "T", 0.5, 812.5)));

        assertThat(lessons).hasSize(2);
        Lesson error = lessons.get(0);
        assertThat(error.kind()).isEqualTo(LessonKind.FAILURE_MODE);
        assertThat(error.trigger()).isEqualTo("OverflowError: math range error at step <n>");
        assertThat(error.outcomeSign()).isEqualTo(-1);
        assertThat(error.evidence()).containsExactly(new Lesson.Evidence("c", 7, "abc7"));
        Lesson parameter = lessons.get(1);
        assertThat(parameter.trigger()).isEqualTo("T up in solver.py");
        assertThat(parameter.lesson()).contains("0.5 -> 812.5", "broke the run", "OverflowError");
        assertThat(parameter.suggestedFix()).isEqualTo("Keep T below 812.5");
        assertThat(parameter.limit()).contains(new ParameterLimit("solver.py", "T", true, 812.5));
        assertThat(parameter.limit().get().violatedBy(900)).isTrue();
        assertThat(parameter.limit().get().violatedBy(800)).isFalse();
    }

    @Test
    void should_bound_no_parameter_when_several_moved_before_a_failure() {
        List<Lesson> lessons = Distiller.distill(failed(
                8,
                TRACEBACK,
                "exited with code 1",
                new Trace.ParameterChange("solver.py", "T", 0.5, 0.8),
                new Trace.ParameterChange("solver.py", "COOLING", 0.9, 0.5)));

        assertThat(lessons).hasSize(2);
        assertThat(lessons.get(1).trigger()).isEqualTo("T up, COOLING down in solver.py");
        assertThat(lessons.get(1).lesson()).contains("together broke the run");
        assertThat(lessons).allSatisfy(l -> assertThat(l.limit()).isEmpty());
    }

    @Test
    void should_blame_a_failure_on_the_move_that_dwarfs_a_nudge() {
        List<Lesson> lessons = Distiller.distill(failed(
                8,
                TRACEBACK,
                "exited with code 1",
                new Trace.ParameterChange("solver.py", "T", 6.4, 6.8),
                new Trace.ParameterChange("solver.py", "COOLING", 0.9, 0.901)));

        assertThat(lessons.get(1).trigger()).isEqualTo("T up in solver.py");
        assertThat(lessons.get(1).limit()).contains(new ParameterLimit("solver.py", "T", true, 6.8));
    }

    @Test
    void should_tell_the_environment_from_the_change() {
        List<Lesson> lessons =
                Distiller.distill(failed(3, "ModuleNotFoundError: No module named 'numba'", "exited with code 1"));

        assertThat(lessons).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo(LessonKind.ENVIRONMENT_CONSTRAINT);
            assertThat(l.trigger()).contains("'numba'");
        });
    }

    @Test
    void should_learn_parameter_effects_of_scored_nodes() {
        Trace.ParameterChange up = new Trace.ParameterChange("solver.py", "RESTARTS", 4, 6);
        Trace improved = new Trace(
                "c",
                4,
                "d4",
                "improve: RESTARTS 4 -> 6",
                List.of(up),
                Trace.Outcome.IMPROVED,
                "",
                "",
                OptionalDouble.of(3.5));
        Trace flat = new Trace("c", 5, "d5", "", List.of(up), Trace.Outcome.NO_GAIN, "", "", OptionalDouble.of(0));

        assertThat(Distiller.distill(improved)).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo(LessonKind.SUCCESS_PATTERN);
            assertThat(l.outcomeSign()).isEqualTo(1);
            assertThat(l.lesson()).contains("RESTARTS up", "4 -> 6", "+3.500");
        });
        assertThat(Distiller.distill(flat)).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo(LessonKind.NO_GAIN);
            assertThat(l.outcomeSign()).isZero();
        });
    }

    @Test
    void should_merge_near_duplicates_accumulating_evidence_and_confidence() {
        Trace.ParameterChange up = new Trace.ParameterChange("solver.py", "T", 0.5, 812.5);
        List<Lesson> first = Distiller.distill(failed(7, TRACEBACK, "exited with code 1", up));
        List<Lesson> second = Distiller.distill(failed(
                9,
                TRACEBACK.replace("10432", "5"),
                "exited with code 1",
                new Trace.ParameterChange("solver.py", "T", 2, 400)));

        List<Lesson> merged = LessonMerger.merge(first, second);

        assertThat(merged).hasSize(2);
        assertThat(merged).allSatisfy(l -> {
            assertThat(l.evidence()).extracting(Lesson.Evidence::node).containsExactly(7L, 9L);
            assertThat(l.confidence()).isEqualTo(2 / 3.0);
        });
        assertThat(merged.get(1).suggestedFix()).isEqualTo("Keep T below 400");
        assertThat(merged.get(1).limit()).contains(new ParameterLimit("solver.py", "T", true, 400));
        assertThat(LessonMerger.merge(second, first).get(1).limit())
                .as("the lowest value that broke the run bounds it, whatever the order")
                .contains(new ParameterLimit("solver.py", "T", true, 400));
        Lesson helped = new Lesson(
                LessonKind.FAILURE_MODE,
                merged.get(1).trigger(),
                "x",
                "",
                1,
                List.of(new Lesson.Evidence("c", 11, "e")),
                0.5);
        Lesson conflicted = LessonMerger.merge(merged.get(1), helped);
        assertThat(conflicted.outcomeSign()).isZero();
        assertThat(conflicted.confidence()).isLessThan(0.5);
    }
}
