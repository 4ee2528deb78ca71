package dev.clade.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.memory.distill.Trace;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LessonTracesTest {

    @Test
    void should_read_the_moved_parameters_from_the_offline_proposers_notes() {
        Map<String, String> meta = Map.of(
                "p:params.txt:x", "9.85", "from:params.txt:x", "6.31", "p:params.txt:y", "2", "from:params.txt:y", "2");

        assertThat(LessonTraces.changes(meta))
                .containsExactly(new Trace.ParameterChange("params.txt", "x", 6.31, 9.85));
    }

    @Test
    void should_blame_a_still_failing_debug_child_against_the_last_values_that_worked() {
        // Node 10 moved x from 6.31 (worked) to 9.85 (broke); its debug child 12 went to 8.08, whose child 13 to 8.97.
        Map<String, String> node13 = Map.of("p:params.txt:x", "8.97", "from:params.txt:x", "8.08");
        Map<String, String> node10 = Map.of("p:params.txt:x", "9.85", "from:params.txt:x", "6.31");

        assertThat(LessonTraces.changesSinceWorking(node13, node10))
                .as("x went up from the last working value, so the bound is an upper one")
                .containsExactly(new Trace.ParameterChange("params.txt", "x", 6.31, 8.97));
    }
}
