package dev.clade.orchestrator.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class EditableGlobsTest {

    @Test
    void should_not_let_a_single_star_cross_a_slash() {
        Predicate<String> editable = EditableGlobs.of(List.of("src/*.py"));

        assertThat(editable).accepts("src/solve.py").rejects("src/deep/solve.py", "solve.py", "src/solve.pyc");
    }

    @Test
    void should_let_a_double_star_cross_slashes() {
        assertThat(EditableGlobs.of(List.of("src/**")))
                .accepts("src/a.py", "src/deep/er/a.py")
                .rejects("src", "lib/a.py", "srcx/a.py");
        assertThat(EditableGlobs.of(List.of("src/**/test_*.py")))
                .accepts("src/test_a.py", "src/x/y/test_b.py")
                .rejects("src/x/a.py");
        assertThat(EditableGlobs.of(List.of("**/*.cu")))
                .accepts("k.cu", "a/b/k.cu")
                .rejects("k.cuh");
        assertThat(EditableGlobs.of(List.of("**"))).accepts("anything", "a/b/c");
    }

    @Test
    void should_match_a_pattern_without_slash_at_any_depth() {
        assertThat(EditableGlobs.of(List.of("*.py")))
                .accepts("solve.py", "a/b/solve.py")
                .rejects("solve.pyx", "notes.txt");
        assertThat(EditableGlobs.of(List.of("config.yaml"))).accepts("config.yaml", "deploy/config.yaml");
    }

    @Test
    void should_anchor_a_pattern_with_a_slash_at_the_top() {
        assertThat(EditableGlobs.of(List.of("/solve.py"))).accepts("solve.py").rejects("a/solve.py");
        assertThat(EditableGlobs.of(List.of("lib/util.py")))
                .accepts("lib/util.py")
                .rejects("x/lib/util.py");
    }

    @Test
    void should_match_everything_inside_a_matching_directory() {
        assertThat(EditableGlobs.of(List.of("src"))).accepts("src", "src/a.py", "x/src/a.py");
        assertThat(EditableGlobs.of(List.of("kernels/")))
                .accepts("kernels/a.cu", "x/kernels/b.cu")
                .rejects("kernels");
    }

    @Test
    void should_let_the_last_matching_pattern_decide_with_negation() {
        Predicate<String> editable = EditableGlobs.of(List.of("src/**", "!src/eval/**", "# comment", ""));

        assertThat(editable).accepts("src/a.py").rejects("src/eval/score.py");
    }

    @Test
    void should_support_character_classes_and_reject_an_unclosed_one() {
        assertThat(EditableGlobs.of(List.of("v[0-9].txt"))).accepts("v1.txt").rejects("va.txt");
        assertThat(EditableGlobs.of(List.of("v[!0-9].txt"))).accepts("va.txt").rejects("v1.txt");
        assertThatThrownBy(() -> EditableGlobs.of(List.of("v[0-9.txt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("v[0-9.txt");
    }

    @Test
    void should_make_nothing_editable_with_no_globs() {
        assertThat(EditableGlobs.of(List.of())).rejects("a", "src/a.py");
    }

    @Test
    void should_quote_regex_characters_in_globs() {
        assertThat(EditableGlobs.of(List.of("a+b(1).py"))).accepts("a+b(1).py").rejects("aab1.py");
    }
}
