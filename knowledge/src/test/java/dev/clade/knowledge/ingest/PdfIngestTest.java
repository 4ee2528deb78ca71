package dev.clade.knowledge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.knowledge.ingest.IngestResult.Skipped;
import dev.clade.knowledge.page.PageDraft;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfIngestTest {

    @TempDir
    Path dir;

    @Test
    void should_extract_the_text_of_a_two_page_pdf_with_its_page_range() {
        byte[] pdf = TestPdfs.pdf(
                "Attention Is All You Need",
                List.of("The transformer relies on attention.", "Because attention is parallel, it scales."));

        IngestResult result =
                SourceFolder.in(dir).withBytes("papers/attention.pdf", pdf).ingest();

        assertThat(result.skipped()).isEmpty();
        assertThat(result.pages()).singleElement().satisfies(page -> {
            assertThat(page.key()).isEqualTo("papers/attention.pdf#p1-2");
            assertThat(page.title()).isEqualTo("Attention Is All You Need");
            assertThat(page.source()).isEqualTo("papers/attention.pdf p. 1-2");
            assertThat(page.format()).isEqualTo("pdf");
            assertThat(page.body()).contains("The transformer relies on attention.", "it scales.");
        });
    }

    @Test
    void should_group_pages_up_to_the_page_size_and_title_by_the_first_line_without_info() {
        String line = "Gradient descent follows the slope of the loss downhill step by step. ";
        String page = (line + "\n").repeat(7);
        List<String> pages = List.of(page, page, page);

        IngestResult result = new Ingestor(new IngestLimits(5_000_000, 800, 8000))
                .ingest(SourceFolder.in(dir)
                        .withBytes("notes.pdf", TestPdfs.pdf(null, pages))
                        .root());

        assertThat(result.pages())
                .extracting(PageDraft::source)
                .containsExactly("notes.pdf p. 1", "notes.pdf p. 2", "notes.pdf p. 3");
        assertThat(result.pages()).allSatisfy(draft -> assertThat(draft.body()).hasSizeLessThanOrEqualTo(800));
        assertThat(result.pages().getFirst().title()).startsWith("Gradient descent follows");
        assertThat(result.pages().get(1).title()).endsWith("(p. 2)");
    }

    @Test
    void should_skip_random_bytes_named_pdf_and_still_ingest_the_other_files() {
        byte[] garbage = new byte[2048];
        new Random(42).nextBytes(garbage);

        IngestResult result = SourceFolder.in(dir)
                .withBytes("broken.pdf", garbage)
                .with("README.md", "# Project\n\nA project.\n")
                .ingest();

        assertThat(result.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.path()).isEqualTo("broken.pdf");
            assertThat(skipped.reason()).startsWith("not a readable PDF: ");
            assertThat(skipped.describe()).startsWith("broken.pdf: not a readable PDF");
        });
        assertThat(result.pages()).extracting(PageDraft::key).containsExactly("README.md#project");
    }

    @Test
    void should_skip_a_truncated_pdf_and_still_ingest_the_other_files() {
        byte[] pdf = TestPdfs.pdf("Whole", List.of("first page", "second page"));
        byte[] truncated = Arrays.copyOf(pdf, pdf.length / 3);

        IngestResult result = SourceFolder.in(dir)
                .withBytes("cut.pdf", truncated)
                .withBytes("whole.pdf", pdf)
                .ingest();

        assertThat(result.skipped())
                .extracting(Skipped::path, skipped -> skipped.reason().startsWith("not a readable PDF: "))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cut.pdf", true));
        assertThat(result.pages()).extracting(PageDraft::key).containsExactly("whole.pdf#p1-2");
    }

    @Test
    void should_skip_a_password_protected_pdf() {
        IngestResult result = SourceFolder.in(dir)
                .withBytes("locked.pdf", TestPdfs.passwordProtected())
                .ingest();

        assertThat(result.pages()).isEmpty();
        assertThat(result.skipped())
                .containsExactly(new Skipped("locked.pdf", "not a readable PDF: encrypted, a password is required"));
    }
}
