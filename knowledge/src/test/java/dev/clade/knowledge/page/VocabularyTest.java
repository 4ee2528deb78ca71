package dev.clade.knowledge.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void should_ship_keywords_for_every_page_type() {
        assertThat(Vocabulary.KEYWORDS).containsOnlyKeys(PageType.values());
        assertThat(Vocabulary.KEYWORDS.get(PageType.ENVIRONMENT))
                .containsEntry("out of memory", 2)
                .containsEntry("docker", 1);
        assertThat(Vocabulary.KEYWORDS.values().stream().mapToInt(Map::size).sum())
                .isEqualTo(86);
    }

    @Test
    void should_name_the_line_of_a_malformed_vocabulary() {
        assertThatThrownBy(() -> parse("[WORKFLOW]\n2 how to\n3 step\n"))
                .hasMessage(
                        "vocabulary.txt line 3: expected '[TYPE]' or a weight (1 or 2) and a keyword, got '3 step'");
        assertThatThrownBy(() -> parse("2 step\n")).hasMessageContaining("line 1: expected '[TYPE]'");
        assertThatThrownBy(() -> parse("[RECIPE]\n")).hasMessage("vocabulary.txt line 1: 'RECIPE' is not a page type");
        assertThatThrownBy(() -> parse("[WORKFLOW]\n1 Apt-Get\n"))
                .hasMessageContaining("line 2: 'Apt-Get' is not lower-case words");
        assertThatThrownBy(() -> parse("[WORKFLOW]\n1 step\n2 step\n"))
                .hasMessageContaining("line 3: 'step' is listed twice");
        assertThatThrownBy(() -> parse("[WORKFLOW]\n\n# again\n[WORKFLOW]\n"))
                .hasMessageContaining("line 4: page type WORKFLOW is listed twice");
    }

    private static Map<PageType, Map<String, Integer>> parse(String text) throws Exception {
        return Vocabulary.parse(new BufferedReader(new StringReader(text)));
    }
}
