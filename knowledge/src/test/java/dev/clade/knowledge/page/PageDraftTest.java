package dev.clade.knowledge.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageDraftTest {

    private static PageDraft aPage(String key, String format, List<String> links) {
        return new PageDraft(key, "Title", PageType.PRINCIPLE, "body", "a.md", format, links);
    }

    @Test
    void should_copy_the_links() {
        List<String> links = new ArrayList<>(List.of("b.md"));

        PageDraft page = aPage("a.md", "markdown", links);
        links.add("c.md");

        assertThat(page.links()).containsExactly("b.md");
    }

    @Test
    void should_reject_a_blank_key_title_or_body() {
        assertThatThrownBy(() -> aPage(" ", "markdown", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key");
        assertThatThrownBy(() -> new PageDraft("k", "", PageType.PRINCIPLE, "b", "s", "text", List.of()))
                .hasMessageContaining("title");
        assertThatThrownBy(() -> new PageDraft("k", "t", PageType.PRINCIPLE, "\n", "s", "text", List.of()))
                .hasMessageContaining("body");
    }

    @Test
    void should_reject_an_unknown_format_a_self_link_and_duplicate_links() {
        assertThatThrownBy(() -> aPage("a.md", "docx", List.of())).hasMessageContaining("format");
        assertThatThrownBy(() -> aPage("a.md", "markdown", List.of("a.md"))).hasMessageContaining("itself");
        assertThatThrownBy(() -> aPage("a.md", "markdown", List.of("b.md", "b.md")))
                .hasMessageContaining("duplicate");
    }
}
