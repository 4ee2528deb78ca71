package dev.clade.orchestrator.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CommitMessageTest {

    @Test
    void should_format_the_idea_then_a_blank_line_then_the_trailers() {
        // given
        CommitMessage message =
                new CommitMessage("  Unroll the loop\r\n\r\nIt is hot.  \n", "fast", 12, 4, OptionalDouble.of(0.875));

        // when
        String text = message.format();

        // then
        assertThat(text).isEqualTo("""
                Unroll the loop

                It is hot.

                Clade-Campaign: fast
                Clade-Node: 12
                Clade-Parent: 4
                Clade-Score: 0.875
                """);
    }

    @Test
    void should_parse_its_trailers_back_in_order() {
        // given
        String text = CommitMessage.of("Idea: with a colon\n\nKey: looks like a trailer but is not last", "c", 2, 1)
                .withScore(-3.5)
                .format();

        // when / then
        assertThat(CommitMessage.trailers(text))
                .containsExactly(
                        entry("Clade-Campaign", "c"),
                        entry("Clade-Node", "2"),
                        entry("Clade-Parent", "1"),
                        entry("Clade-Score", "-3.5"));
    }

    @Test
    void should_leave_out_an_unknown_score_and_default_a_blank_idea() {
        String text = CommitMessage.of("  \n", "c", 2, 1).format();

        assertThat(text).startsWith(CommitMessage.NO_IDEA + "\n\n");
        assertThat(CommitMessage.trailers(text))
                .doesNotContainKey("Clade-Score")
                .hasSize(3);
        assertThat(CommitMessage.of(null, "c", 2, 1).format()).startsWith(CommitMessage.NO_IDEA);
    }

    @Test
    void should_find_no_trailers_in_a_single_paragraph_or_a_last_paragraph_of_prose() {
        assertThat(CommitMessage.trailers("Clade-Node: 1")).isEmpty();
        assertThat(CommitMessage.trailers("Subject\n\nJust prose.\nClade-Node: 1\n"))
                .isEmpty();
    }

    @Test
    void should_join_folded_trailer_lines() {
        assertThat(CommitMessage.trailers("Subject\n\nNote: first\n  second\nClade-Node: 3\n"))
                .containsExactly(entry("Note", "first second"), entry("Clade-Node", "3"));
    }

    @Test
    void should_reject_a_blank_campaign_and_a_score_that_is_not_finite() {
        assertThatThrownBy(() -> CommitMessage.of("idea", " ", 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommitMessage.of("idea", "a\nb", 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommitMessage.of("idea", "c", 1, 0).withScore(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
    }
}
