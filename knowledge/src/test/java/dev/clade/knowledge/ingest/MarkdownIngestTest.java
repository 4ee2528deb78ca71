package dev.clade.knowledge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.knowledge.page.PageDraft;
import dev.clade.knowledge.page.PageType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownIngestTest {

    @TempDir
    Path dir;

    private static final String GUIDE = """
            Intro text before any heading.

            # Installation

            Install with pip and check the CUDA version.

            ```bash
            # not a heading: inside a fence
            pip install torch
            ```

            ## How to train

            1. Prepare the data.
            2. Run the training script.

            #### Deeper detail

            Stays in its section.

            ## Empty section

            ### Tips

            Prefer a small learning rate; avoid large batches.
            """;

    @Test
    void should_split_markdown_into_one_page_per_heading_section() {
        IngestResult result = SourceFolder.in(dir).with("docs/guide.md", GUIDE).ingest();

        assertThat(result.pages())
                .extracting(PageDraft::key)
                .containsExactly(
                        "docs/guide.md",
                        "docs/guide.md#installation",
                        "docs/guide.md#how-to-train",
                        "docs/guide.md#tips");
        assertThat(result.pages())
                .extracting(PageDraft::title)
                .containsExactly("guide.md", "Installation", "How to train", "Tips");
        assertThat(result.pages()).allSatisfy(page -> assertThat(page.format()).isEqualTo("markdown"));
        assertThat(result.skipped()).isEmpty();
    }

    @Test
    void should_keep_fenced_code_and_deeper_headings_inside_their_section() {
        IngestResult result = SourceFolder.in(dir).with("docs/guide.md", GUIDE).ingest();

        assertThat(result.page("docs/guide.md#installation").orElseThrow().body())
                .contains("# not a heading: inside a fence", "pip install torch");
        assertThat(result.page("docs/guide.md#how-to-train").orElseThrow().body())
                .contains("#### Deeper detail", "Stays in its section.");
    }

    @Test
    void should_classify_sections_and_name_their_source() {
        IngestResult result = SourceFolder.in(dir).with("docs/guide.md", GUIDE).ingest();

        PageDraft install = result.page("docs/guide.md#installation").orElseThrow();
        assertThat(install.type()).isEqualTo(PageType.ENVIRONMENT);
        assertThat(install.source()).isEqualTo("docs/guide.md § Installation");
        assertThat(result.page("docs/guide.md#how-to-train").orElseThrow().type())
                .isEqualTo(PageType.WORKFLOW);
        assertThat(result.page("docs/guide.md#tips").orElseThrow().type()).isEqualTo(PageType.HEURISTIC);
    }

    @Test
    void should_read_setext_headings_and_drop_front_matter() {
        String text = "---\ntitle: x\n---\nOverview\n========\n\nThe idea in short.\n\nDetails\n-------\n\nMore.\n";

        IngestResult result = SourceFolder.in(dir).with("notes.md", text).ingest();

        assertThat(result.pages()).extracting(PageDraft::title).containsExactly("Overview", "Details");
        assertThat(result.pages().getFirst().body()).isEqualTo("The idea in short.");
    }

    @Test
    void should_make_keys_of_repeated_headings_unique() {
        String text = "# Example\n\nfirst\n\n# Example\n\nsecond\n";

        IngestResult result = SourceFolder.in(dir).with("a.md", text).ingest();

        assertThat(result.pages()).extracting(PageDraft::key).containsExactly("a.md#example", "a.md#example-2");
    }

    @Test
    void should_split_a_long_section_into_numbered_parts() {
        String paragraph = "This sentence explains the idea in some detail. ".repeat(20);
        String text = "# Long read\n\n" + (paragraph + "\n\n").repeat(12);

        IngestResult result = SourceFolder.in(dir).with("long.md", text).ingest();

        assertThat(result.pages()).hasSizeGreaterThan(2);
        assertThat(result.pages()).allSatisfy(page -> assertThat(page.body()).hasSizeLessThanOrEqualTo(4000));
        assertThat(result.pages().get(1).title()).isEqualTo("Long read (2)");
        assertThat(result.pages().get(1).key()).isEqualTo("long.md#long-read-2");
        assertThat(result.pages().get(1).source()).isEqualTo("long.md § Long read (part 2)");
    }
}
