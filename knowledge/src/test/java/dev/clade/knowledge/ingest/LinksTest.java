package dev.clade.knowledge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.knowledge.page.PageType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinksTest {

    @TempDir
    Path dir;

    @Test
    void should_link_every_section_to_its_documents_first_section() {
        IngestResult result = SourceFolder.in(dir)
                .with("guide.md", "# Overview\n\nWhat it is.\n\n## Details\n\nMore.\n\n## Extras\n\nEven more.\n")
                .ingest();

        assertThat(result.page("guide.md#overview").orElseThrow().links()).isEmpty();
        assertThat(result.page("guide.md#details").orElseThrow().links()).containsExactly("guide.md#overview");
        assertThat(result.page("guide.md#extras").orElseThrow().links()).containsExactly("guide.md#overview");
    }

    @Test
    void should_resolve_relative_markdown_links_to_files_and_anchored_sections() {
        IngestResult result = SourceFolder.in(dir)
                .with(
                        "docs/index.md",
                        "See [setup](setup.md), [CUDA](setup.md#cuda-errors) and [home](https://x.org).\n")
                .with("docs/setup.md", "# Setup\n\nSteps.\n\n## CUDA errors\n\nReinstall the driver.\n")
                .with("README.md", "Start at [the docs](docs/) or [the index](./docs/index.md?plain=1).\n")
                .ingest();

        assertThat(result.page("docs/index.md").orElseThrow().links())
                .containsExactly("docs/setup.md#setup", "docs/setup.md#cuda-errors");
        assertThat(result.page("README.md").orElseThrow().links()).containsExactly("docs/index.md");
        assertThat(result.page("docs/setup.md#cuda-errors").orElseThrow().links())
                .containsExactly("docs/setup.md#setup");
    }

    @Test
    void should_resolve_a_link_to_a_folder_to_its_readme_and_ignore_links_outside_the_source() {
        IngestResult result = SourceFolder.in(dir)
                .with("docs/README.md", "Docs home.\n")
                .with("intro.md", "Read [the docs](docs/) and [elsewhere](../outside.md).\n")
                .ingest();

        assertThat(result.page("intro.md").orElseThrow().links()).containsExactly("docs/README.md");
    }

    @Test
    void should_link_a_page_that_mentions_the_title_of_a_workflow_or_principle_page() {
        IngestResult result = SourceFolder.in(dir)
                .with("howto.md", "# How to fine-tune a model\n\n1. Load the weights.\n2. Train on your data.\n")
                .with("theory.md", "# Why attention works\n\nBecause every token sees every other token.\n")
                .with("notes.txt", "Before you start, read HOW TO FINE TUNE A MODEL; see also why attention works.\n")
                .with("solo.md", "# Fine\n\nA one-word title is never linked by mention: fine.\n")
                .ingest();

        assertThat(result.page("howto.md#how-to-fine-tune-a-model")
                        .orElseThrow()
                        .type())
                .isEqualTo(PageType.WORKFLOW);
        assertThat(result.page("theory.md#why-attention-works").orElseThrow().type())
                .isEqualTo(PageType.PRINCIPLE);
        assertThat(result.page("notes.txt").orElseThrow().links())
                .containsExactly("howto.md#how-to-fine-tune-a-model", "theory.md#why-attention-works");
        assertThat(result.page("solo.md#fine").orElseThrow().links()).isEmpty();
    }

    @Test
    void should_not_match_a_title_inside_a_longer_word() {
        IngestResult result = SourceFolder.in(dir)
                .with("theory.md", "# Why attention works\n\nBecause tokens see each other.\n")
                .with("other.txt", "Nothing about whyattention works here.\n")
                .ingest();

        assertThat(result.page("other.txt").orElseThrow().links()).isEmpty();
    }

    @Test
    void should_never_link_a_page_to_itself() {
        IngestResult result = SourceFolder.in(dir)
                .with(
                        "theory.md",
                        "# Why attention works\n\nThis is why attention works: [here](#why-attention-works).\n")
                .ingest();

        assertThat(result.page("theory.md#why-attention-works").orElseThrow().links())
                .isEmpty();
    }

    @Test
    void should_accept_a_title_made_only_of_punctuation() {
        IngestResult result = SourceFolder.in(dir)
                .with("odd.md", "# - -\n\nA section under a dashed title.\n")
                .ingest();

        assertThat(result.pages())
                .singleElement()
                .satisfies(page -> assertThat(page.key()).isEqualTo("odd.md#section"));
    }
}
