package dev.clade.agents.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterBlocksTest {

    private static final String SOLVER = """
            import math
            STEPS = 1000  # outside the block: never touched
            # clade:params begin
            TEMPERATURE = 0.5    # [0.001, 1000]
            COOLING: 0.9
            RESTARTS = 2         # [1, 8]
            not a parameter line
            # clade:params end
            """;

    @Test
    void should_find_parameters_only_inside_the_marked_block() {
        List<Parameter> params = ParameterBlocks.parse("solver.py", SOLVER);

        assertThat(params).extracting(Parameter::name).containsExactly("TEMPERATURE", "COOLING", "RESTARTS");
        Parameter t = params.get(0);
        assertThat(t.value()).isEqualTo(0.5);
        assertThat(t.integer()).isFalse();
        assertThat(t.lower()).isEqualTo(0.001);
        assertThat(t.upper()).isEqualTo(1000);
        assertThat(params.get(1).bounded()).isFalse();
        assertThat(params.get(2).integer()).isTrue();
        assertThat(params.get(2).key()).isEqualTo("solver.py:RESTARTS");
    }

    @Test
    void should_rewrite_only_the_literals_and_keep_everything_else() {
        List<Parameter> params = ParameterBlocks.parse("solver.py", SOLVER);

        String rewritten = ParameterBlocks.rewrite(
                SOLVER, params, Map.of("solver.py:TEMPERATURE", 12.345678901, "solver.py:RESTARTS", 3.0));

        assertThat(rewritten)
                .contains("TEMPERATURE = 12.3457    # [0.001, 1000]")
                .contains("RESTARTS = 3         # [1, 8]")
                .contains("COOLING: 0.9")
                .contains("STEPS = 1000");
        assertThat(rewritten.lines().count()).isEqualTo(SOLVER.lines().count());
    }

    @Test
    void should_keep_decimals_decimal_when_the_value_is_whole() {
        Parameter p = ParameterBlocks.parse("f", "# clade:params begin\nX = 0.5\n# clade:params end\n")
                .get(0);

        assertThat(p.format(2.0)).isEqualTo("2.0");
    }

    @Test
    void should_reject_an_unclosed_block_naming_the_file_and_line() {
        assertThatThrownBy(() -> ParameterBlocks.parse("cfg.yaml", "a: 1\n# clade:params begin\nx: 2\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cfg.yaml")
                .hasMessageContaining("line 2");
    }

    @Test
    void should_reject_a_value_outside_its_bounds() {
        assertThatThrownBy(() ->
                        ParameterBlocks.parse("f.py", "# clade:params begin\nX = 5  # [0, 1]\n# clade:params end"))
                .hasMessageContaining("X = 5 lies outside its bounds [0, 1]");
    }
}
