package dev.clade.knowledge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.knowledge.page.PageDraft;
import dev.clade.knowledge.page.PageType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainIngestTest {

    @TempDir
    Path dir;

    @Test
    void should_ingest_a_code_file_as_one_implementation_page() {
        String code = "def train(model, data):\n    for batch in data:\n        model.step(batch)\n";

        IngestResult result = SourceFolder.in(dir).with("src/train.py", code).ingest();

        assertThat(result.pages()).singleElement().satisfies(page -> {
            assertThat(page.key()).isEqualTo("src/train.py");
            assertThat(page.title()).isEqualTo("src/train.py");
            assertThat(page.type()).isEqualTo(PageType.IMPLEMENTATION);
            assertThat(page.format()).isEqualTo("code");
            assertThat(page.body()).isEqualTo(code.strip());
        });
    }

    @Test
    void should_split_a_long_code_file_into_parts_at_line_ends() {
        String function = "int f%d(int x) {\n    return x * %d;\n}\n\n";
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            code.append(function.formatted(i, i));
        }

        IngestResult result =
                SourceFolder.in(dir).with("lib/big.c", code.toString()).ingest();

        assertThat(result.pages()).hasSizeGreaterThan(1);
        assertThat(result.pages()).allSatisfy(page -> {
            assertThat(page.body()).hasSizeLessThanOrEqualTo(8000).endsWith("}");
            assertThat(page.type()).isEqualTo(PageType.IMPLEMENTATION);
        });
        assertThat(result.pages().get(1).key()).isEqualTo("lib/big.c#2");
        assertThat(result.pages().get(1).title()).isEqualTo("lib/big.c (2)");
        assertThat(String.join(
                        "\n\n", result.pages().stream().map(PageDraft::body).toList()))
                .isEqualTo(code.toString().strip());
    }

    @Test
    void should_ingest_a_text_file_in_block_groups_of_bounded_size() {
        String block = "A paragraph of plain notes about the experiment and its results. ".repeat(10);
        String text = (block + "\n\n").repeat(10);

        IngestResult result = SourceFolder.in(dir).with("notes.txt", text).ingest();

        assertThat(result.pages()).hasSize(2);
        assertThat(result.pages()).allSatisfy(page -> {
            assertThat(page.format()).isEqualTo("text");
            assertThat(page.body()).hasSizeLessThanOrEqualTo(4000).doesNotStartWith("\n");
        });
        assertThat(result.pages()).extracting(PageDraft::title).containsExactly("notes.txt", "notes.txt (2)");
    }

    @Test
    void should_ignore_empty_files() {
        IngestResult result = SourceFolder.in(dir).with("empty.py", "\n\n").ingest();

        assertThat(result.pages()).isEmpty();
        assertThat(result.skipped()).isEmpty();
    }
}
