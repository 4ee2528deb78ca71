package dev.clade.agents.edit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EditParserTest {

    @Test
    void should_read_several_search_replace_blocks_fenced_or_not() {
        String reply = """
                I will change the step and the rate.

                solver.py
                ```python
                <<<<<<< SEARCH
                STEP = 5
                =======
                STEP = 3
                >>>>>>> REPLACE
                ```

                ```
                <<<<<<< SEARCH
                RATE = 0.1
                =======
                RATE = 0.2
                >>>>>>> REPLACE
                ```
                **lib/util.py**
                <<<<<<< SEARCH
                =======
                def helper():
                    return 1
                >>>>>>> REPLACE
                """;

        ParsedEdits parsed = EditParser.parse(reply);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.edits())
                .containsExactly(
                        new FileEdit.SearchReplace("solver.py", "STEP = 5\n", "STEP = 3\n"),
                        new FileEdit.SearchReplace("solver.py", "RATE = 0.1\n", "RATE = 0.2\n"),
                        new FileEdit.SearchReplace("lib/util.py", "", "def helper():\n    return 1\n"));
    }

    @Test
    void should_read_unified_diffs_and_whole_files() {
        String reply = """
                ```diff
                --- a/src/a.py
                +++ b/src/a.py
                @@ -1,3 +1,3 @@
                 x = 1
                -y = 2
                +y = 3
                 z = 4
                ```
                === FILE: notes.txt ===
                hello
                === END FILE ===
                """;

        ParsedEdits parsed = EditParser.parse(reply);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.edits()).hasSize(2);
        FileEdit.Patch patch = (FileEdit.Patch) parsed.edits().get(0);
        assertThat(patch.path()).isEqualTo("src/a.py");
        assertThat(patch.hunks().getFirst().oldLines()).containsExactly("x = 1", "y = 2", "z = 4");
        assertThat(patch.hunks().getFirst().newLines()).containsExactly("x = 1", "y = 3", "z = 4");
        assertThat(parsed.edits().get(1)).isEqualTo(new FileEdit.WholeFile("notes.txt", "hello\n"));
    }

    @Test
    void should_name_a_block_that_is_not_closed_or_has_no_file() {
        assertThat(EditParser.parse("<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n")
                        .problems())
                .singleElement()
                .asString()
                .contains("block 1", "names no file");
        assertThat(EditParser.parse("x.py\n<<<<<<< SEARCH\na\n=======\nb\n").problems())
                .singleElement()
                .asString()
                .contains("x.py", "not closed");
    }

    @Test
    void should_find_nothing_in_prose() {
        assertThat(EditParser.parse("I think the code is fine as it is.").isEmpty())
                .isTrue();
    }
}
