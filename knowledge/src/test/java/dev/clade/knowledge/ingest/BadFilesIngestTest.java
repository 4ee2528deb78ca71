package dev.clade.knowledge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.clade.knowledge.KnowledgeException;
import dev.clade.knowledge.ingest.IngestResult.Skipped;
import dev.clade.knowledge.page.PageDraft;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadFilesIngestTest {

    @TempDir
    Path dir;

    @Test
    void should_skip_an_unreadable_file_and_ingest_the_rest() throws IOException {
        SourceFolder folder =
                SourceFolder.in(dir).with("secret.md", "# Secret\n\nhidden\n").with("open.md", "# Open\n\ntext\n");
        Files.setPosixFilePermissions(folder.path("secret.md"), PosixFilePermissions.fromString("---------"));
        // root reads any file whatever its permissions: then there is nothing to observe
        assumeFalse(Files.isReadable(folder.path("secret.md")), "running as root: chmod 000 does not stop reads");

        IngestResult result = folder.ingest();

        assertThat(result.skipped()).containsExactly(new Skipped("secret.md", "cannot read: permission denied"));
        assertThat(result.pages()).extracting(PageDraft::key).containsExactly("open.md#open");
    }

    @Test
    void should_skip_a_markdown_file_that_is_not_utf8() {
        byte[] latin1 = "# Caf\u00e9\n\nna\u00efve text\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        IngestResult result = SourceFolder.in(dir)
                .withBytes("latin1.md", latin1)
                .with("ok.md", "# Fine\n\ntext\n")
                .ingest();

        assertThat(result.skipped()).containsExactly(new Skipped("latin1.md", "not valid UTF-8 text"));
        assertThat(result.pages()).extracting(PageDraft::key).containsExactly("ok.md#fine");
    }

    @Test
    void should_skip_a_file_over_five_megabytes() {
        byte[] big = "x".repeat(5 * 1024 * 1024 + 1).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        IngestResult result = SourceFolder.in(dir).withBytes("huge.txt", big).ingest();

        assertThat(result.pages()).isEmpty();
        assertThat(result.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.path()).isEqualTo("huge.txt");
            assertThat(skipped.reason()).isEqualTo("too large: 5242881 bytes (more than 5.0 MB)");
        });
    }

    @Test
    void should_skip_a_text_file_with_nul_bytes() {
        IngestResult result = SourceFolder.in(dir)
                .withBytes("odd.txt", new byte[] {'a', 0, 'b'})
                .ingest();

        assertThat(result.skipped()).containsExactly(new Skipped("odd.txt", "not a text file: contains NUL bytes"));
    }

    @Test
    void should_throw_with_the_path_when_the_source_does_not_exist() {
        Path missing = dir.resolve("no/such/folder");

        assertThatThrownBy(() -> new Ingestor().ingest(missing))
                .isInstanceOf(KnowledgeException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void should_ingest_a_single_file_source_keyed_by_its_name() {
        SourceFolder folder = SourceFolder.in(dir).with("deep/notes.md", "# Notes\n\nSome notes.\n");

        IngestResult result = new Ingestor().ingest(folder.path("deep/notes.md"));

        assertThat(result.pages()).extracting(PageDraft::key).containsExactly("notes.md#notes");
    }

    @Test
    void should_report_a_single_file_source_of_unknown_type() {
        SourceFolder folder = SourceFolder.in(dir).with("image.png", "not really");

        IngestResult result = new Ingestor().ingest(folder.path("image.png"));

        assertThat(result.skipped()).containsExactly(new Skipped("image.png", "unsupported file type"));
    }
}
