package dev.clade.agents.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EVOLVE-BLOCK markers: only the lines between them change, and the markers stay, whatever edit the model sends. */
class EvolveBlocksTest {

    private static final String PROGRAM = """
            import math
            # EVOLVE-BLOCK-START
            def pack(n):
                return [0.1] * n
            # EVOLVE-BLOCK-END

            def run():
                return pack(26)
            """;

    @TempDir
    Path root;

    @Test
    void should_find_the_open_regions_with_any_comment_token() {
        assertThat(EvolveBlocks.of("p.py", PROGRAM).orElseThrow().describe()).isEqualTo("lines 3-4");
        EvolveBlocks c = EvolveBlocks.of("p.c", "int a;\n// EVOLVE-BLOCK-START\nint b = 1;\n// EVOLVE-BLOCK-END\n")
                .orElseThrow();
        assertThat(c.comment()).isEqualTo("//");
        assertThat(c.open(2)).isTrue();
        assertThat(c.open(1)).isFalse();
        assertThat(EvolveBlocks.of("q.sql", "-- EVOLVE-BLOCK-START\nselect 1;\n-- EVOLVE-BLOCK-END\n"))
                .isPresent();
        assertThat(EvolveBlocks.of("plain.py", "x = 1\n")).isEmpty();
    }

    @Test
    void should_refuse_markers_that_do_not_pair() {
        assertThatThrownBy(() -> EvolveBlocks.of("p.py", "# EVOLVE-BLOCK-START\nx = 1\n"))
                .hasMessage("p.py:1: the EVOLVE-BLOCK-START there has no EVOLVE-BLOCK-END after it");
        assertThatThrownBy(() -> EvolveBlocks.of("p.py", "x = 1\n# EVOLVE-BLOCK-END\n"))
                .hasMessage("p.py:2: EVOLVE-BLOCK-END without an EVOLVE-BLOCK-START before it");
    }

    @Test
    void should_let_an_edit_inside_the_block_through() {
        String inside = PROGRAM.replace("return [0.1] * n", "return [0.2 + 0.01 * i for i in range(n)]\n    # more");

        assertThat(EvolveBlocks.violation("p.py", PROGRAM, inside)).isEmpty();
    }

    @Test
    void should_name_an_edit_outside_the_blocks() {
        String outside = PROGRAM.replace("return pack(26)", "return 2.635  # the record");

        assertThat(EvolveBlocks.violation("p.py", PROGRAM, outside))
                .hasValue("the edit changes p.py outside its EVOLVE-BLOCK regions (after the last block); only lines"
                        + " 3-4 may change");
    }

    @Test
    void should_name_a_removed_or_broken_marker() {
        String removed = PROGRAM.replace("# EVOLVE-BLOCK-END\n", "");
        String both = PROGRAM.replace("# EVOLVE-BLOCK-START\n", "").replace("# EVOLVE-BLOCK-END\n", "");

        assertThat(EvolveBlocks.violation("p.py", PROGRAM, removed).orElseThrow())
                .startsWith("the edit breaks the EVOLVE-BLOCK markers of p.py (p.py:2: the EVOLVE-BLOCK-START");
        assertThat(EvolveBlocks.violation("p.py", PROGRAM, both).orElseThrow())
                .startsWith("the edit removes or adds EVOLVE-BLOCK markers in p.py");
    }

    @Test
    void should_refuse_an_edit_outside_the_block_and_leave_the_file_as_it_was() throws IOException {
        Files.writeString(root.resolve("p.py"), PROGRAM);
        EditApplier applier = new EditApplier(root, p -> p.equals("p.py"));

        EditReport outside =
                applier.apply(List.of(new FileEdit.SearchReplace("p.py", "import math\n", "import numpy\n")));
        EditReport deleted = applier.apply(List.of(new FileEdit.Patch("p.py", List.of(), false, true)));
        EditReport inside = applier.apply(List.of(new FileEdit.SearchReplace("p.py", "[0.1] * n", "[0.12] * n")));

        assertThat(outside.applied()).isFalse();
        assertThat(outside.failures()).singleElement().asString().contains("outside its EVOLVE-BLOCK regions");
        assertThat(deleted.applied()).isFalse();
        assertThat(inside.applied()).isTrue();
        assertThat(Files.readString(root.resolve("p.py"))).isEqualTo(PROGRAM.replace("[0.1] * n", "[0.12] * n"));
    }
}
