package dev.clade.knowledge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.knowledge.page.PageDraft;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlIngestTest {

    @TempDir
    Path dir;

    private static final String PAGE = """
            <html><head><title>Trainer manual</title><style>body { color: red; }</style></head>
            <body>
              <nav><a href="index.html">Home</a> Navigation menu</nav>
              <p>Welcome to the manual.</p>
              <script>var secret = "dropped";</script>
              <h1>Setup</h1>
              <p>Read the <a href="../notes/setup.md">setup notes</a> first.</p>
              <pre>python train.py
                --epochs 3</pre>
              <h2>Usage</h2>
              <ul><li>Run it.</li><li>Watch the <a href="https://example.org">logs</a>.</li></ul>
              <footer>Copyright footer</footer>
            </body></html>
            """;

    @Test
    void should_drop_scripts_styles_navigation_and_footers() {
        IngestResult result =
                SourceFolder.in(dir).with("site/manual.html", PAGE).ingest();

        assertThat(result.pages())
                .extracting(PageDraft::body)
                .noneMatch(body -> body.contains("secret") || body.contains("color: red"))
                .noneMatch(body -> body.contains("Navigation menu") || body.contains("Copyright"));
    }

    @Test
    void should_split_html_by_headings_with_the_document_title_for_the_preamble() {
        IngestResult result =
                SourceFolder.in(dir).with("site/manual.html", PAGE).ingest();

        assertThat(result.pages())
                .extracting(PageDraft::key, PageDraft::title)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("site/manual.html", "Trainer manual"),
                        org.assertj.core.groups.Tuple.tuple("site/manual.html#setup", "Setup"),
                        org.assertj.core.groups.Tuple.tuple("site/manual.html#usage", "Usage"));
        PageDraft setup = result.page("site/manual.html#setup").orElseThrow();
        assertThat(setup.format()).isEqualTo("html");
        assertThat(setup.body()).contains("Read the setup notes first.", "python train.py\n    --epochs 3");
        assertThat(result.page("site/manual.html#usage").orElseThrow().body()).contains("Run it.\nWatch the logs.");
    }

    @Test
    void should_resolve_a_relative_link_to_the_other_files_first_page() {
        IngestResult result = SourceFolder.in(dir)
                .with("site/manual.html", PAGE)
                .with("notes/setup.md", "Setup notes.\n\n# Drivers\n\nInstall the driver.\n")
                .ingest();

        assertThat(result.page("site/manual.html#setup").orElseThrow().links())
                .containsExactly("notes/setup.md", "site/manual.html");
    }

    @Test
    void should_fall_back_to_the_file_name_without_a_title_or_heading() {
        IngestResult result = SourceFolder.in(dir)
                .with("plain.htm", "<p>Just a paragraph.</p>")
                .ingest();

        assertThat(result.pages()).singleElement().satisfies(page -> {
            assertThat(page.title()).isEqualTo("plain.htm");
            assertThat(page.body()).isEqualTo("Just a paragraph.");
        });
    }
}
