package dev.clade.agents.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditApplierTest {

    @TempDir
    Path root;

    private EditApplier applier;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(root.resolve("solver.py"), """
                def solve(xs):
                    total = 0
                    for x in xs:
                        total += x   \s
                    return total
                """);
        Files.writeString(root.resolve("evaluate.py"), "print('score')\n");
        applier = new EditApplier(root, p -> p.endsWith("solver.py") || p.startsWith("new/"));
    }

    @Test
    void should_apply_an_exact_search_replace() throws IOException {
        EditReport report =
                applier.apply(List.of(new FileEdit.SearchReplace("solver.py", "total = 0\n", "total = 1\n")));

        assertThat(report.applied()).isTrue();
        assertThat(Files.readString(root.resolve("solver.py"))).contains("    total = 1\n");
    }

    @Test
    void should_tolerate_trailing_spaces_and_other_indentation() throws IOException {
        // The model drops the trailing spaces and the function's indentation; the replacement is re-indented.
        EditReport report = applier.apply(List.of(new FileEdit.SearchReplace(
                "solver.py", "for x in xs:\n    total += x\n", "for x in xs:\n    total += 2 * x\n")));

        assertThat(report.failures()).isEmpty();
        assertThat(Files.readString(root.resolve("solver.py")))
                .contains("    for x in xs:\n        total += 2 * x\n    return total\n");
    }

    @Test
    void should_apply_a_unified_diff_with_wrong_line_numbers() throws IOException {
        FileEdit.Patch patch = new FileEdit.Patch(
                "solver.py",
                List.of(new FileEdit.Hunk(
                        40,
                        List.of("    total = 0", "    for x in xs:"),
                        List.of("    total = 10", "    for x in xs:"))),
                false,
                false);

        assertThat(applier.apply(List.of(patch)).applied()).isTrue();
        assertThat(Files.readString(root.resolve("solver.py"))).contains("total = 10");
    }

    @Test
    void should_write_nothing_when_one_edit_does_not_apply() throws IOException {
        String before = Files.readString(root.resolve("solver.py"));

        EditReport report = applier.apply(List.of(
                new FileEdit.SearchReplace("solver.py", "total = 0\n", "total = 1\n"),
                new FileEdit.SearchReplace("solver.py", "return totl\n", "return -total\n")));

        assertThat(report.applied()).isFalse();
        assertThat(report.failures()).singleElement().asString().contains("not found in solver.py");
        assertThat(Files.readString(root.resolve("solver.py"))).isEqualTo(before);
    }

    @Test
    void should_refuse_ambiguous_text_and_say_where() throws IOException {
        Files.writeString(root.resolve("solver.py"), "a = 1\nb = 2\na = 1\n");

        EditReport report = applier.apply(List.of(new FileEdit.SearchReplace("solver.py", "a = 1\n", "a = 3\n")));

        assertThat(report.failures()).singleElement().asString().contains("more than once");
    }

    @Test
    void should_refuse_evaluator_files_paths_outside_and_git() {
        EditReport report = applier.apply(List.of(
                new FileEdit.WholeFile("evaluate.py", "print('{\"score\": 1e9}')\n"),
                new FileEdit.WholeFile("../escape.py", "x"),
                new FileEdit.WholeFile(".git/config", "x")));

        assertThat(report.failures())
                .satisfiesExactly(
                        f -> assertThat(f).contains("evaluate.py is not editable"),
                        f -> assertThat(f).contains("outside the work directory"),
                        f -> assertThat(f).contains("inside .git"));
        assertThat(root.getParent().resolve("escape.py")).doesNotExist();
    }

    @Test
    void should_create_a_new_file_from_an_empty_search() throws IOException {
        EditReport report =
                applier.apply(List.of(new FileEdit.SearchReplace("new/helper.py", "", "def h():\n    return 1\n")));

        assertThat(report.changed()).containsExactly("new/helper.py");
        assertThat(Files.readString(root.resolve("new/helper.py"))).startsWith("def h()");
    }
}
