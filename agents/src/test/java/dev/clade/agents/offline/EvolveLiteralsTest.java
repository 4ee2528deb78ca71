package dev.clade.agents.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The numbers of code inside evolve blocks as parameters, and the numbers that are not parameters. */
class EvolveLiteralsTest {

    @Test
    void should_take_the_numbers_inside_the_blocks_and_leave_strings_comments_names_and_radixes_alone() {
        String text = """
                SEED = 42
                # EVOLVE-BLOCK-START
                step_size = 0.25
                iterations: int = 1000
                label = "run 3 of 5"  # try 7 later
                w = np.float32(1e-3) + x2 * 0x1F + arr[2] + 1_000 + 7j
                doc = '''
                a docstring with 12 numbers
                '''
                scale(0.5, .75)
                # EVOLVE-BLOCK-END
                print(SEED, 3)
                """;

        List<Parameter> found = EvolveLiterals.inBlocks("p.py", text);

        assertThat(found)
                .extracting(Parameter::name, Parameter::value, Parameter::integer)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("step_size", 0.25, false),
                        org.assertj.core.groups.Tuple.tuple("iterations", 1000.0, true),
                        org.assertj.core.groups.Tuple.tuple("line6", 1e-3, false),
                        org.assertj.core.groups.Tuple.tuple("line6.2", 2.0, true),
                        org.assertj.core.groups.Tuple.tuple("line10", 0.5, false),
                        org.assertj.core.groups.Tuple.tuple("line10.2", 0.75, false));
        assertThat(found).allSatisfy(p -> assertThat(p.lower()).isZero());
    }

    @Test
    void should_rewrite_only_the_literal_keeping_the_rest_of_the_line() {
        String text = "# EVOLVE-BLOCK-START\nrate = 0.25  # 0.1 was worse\n# EVOLVE-BLOCK-END\n";
        List<Parameter> found = EvolveLiterals.inBlocks("p.py", text);

        String after = ParameterBlocks.rewrite(text, found, java.util.Map.of("p.py:rate", 0.3));

        assertThat(after).isEqualTo("# EVOLVE-BLOCK-START\nrate = 0.3  # 0.1 was worse\n# EVOLVE-BLOCK-END\n");
    }

    @Test
    void should_rewrite_several_literals_of_one_line_whatever_their_new_lengths() {
        String text = "# EVOLVE-BLOCK-START\nscale(0.5, 2, .75)\n# EVOLVE-BLOCK-END\n";
        List<Parameter> found = EvolveLiterals.inBlocks("p.py", text);

        String after = ParameterBlocks.rewrite(
                text, found, java.util.Map.of("p.py:line2", 0.123456, "p.py:line2.2", 17.0, "p.py:line2.3", 0.5));

        assertThat(after).isEqualTo("# EVOLVE-BLOCK-START\nscale(0.123456, 17, 0.5)\n# EVOLVE-BLOCK-END\n");
    }

    @Test
    void should_read_c_like_comments_in_a_c_like_file() {
        String text =
                "// EVOLVE-BLOCK-START\nint n = 16; /* 32 was slower */ double r = 0.5; // 9\n// EVOLVE-BLOCK-END\n";

        assertThat(EvolveLiterals.inBlocks("k.cu", text))
                .extracting(Parameter::value)
                .containsExactly(16.0, 0.5);
        assertThat(EvolveLiterals.inBlocks("plain.py", "x = 1\n")).isEmpty();
    }
}
