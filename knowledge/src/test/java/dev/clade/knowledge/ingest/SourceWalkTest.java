package dev.clade.knowledge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.knowledge.page.PageDraft;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceWalkTest {

    @TempDir
    Path dir;

    private SourceFolder aRepository() {
        return SourceFolder.in(dir)
                .with("README.md", "# Demo\n\nA demo repository.\n")
                .with("src/main.py", "print('hello')\n")
                .with("src/util.go", "package util\n")
                .with(".git/HEAD.md", "# not ingested\n\ngit internals\n")
                .with("node_modules/lib/index.js", "module.exports = 1;\n")
                .with("target/Generated.java", "class Generated {}\n")
                .with("build/out.txt", "build output\n")
                .with(".hidden/notes.md", "# Hidden\n\nhidden\n")
                .with(".env.txt", "SECRET=1\n")
                .with("src/__pycache__/main.py", "cached\n")
                .withBytes("logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2})
                .withBytes("Main.class", new byte[] {(byte) 0xCA, (byte) 0xFE, 0, 0})
                .with("data.csv", "a,b\n1,2\n");
    }

    @Test
    void should_skip_vcs_dependency_build_and_hidden_folders_and_ignore_unknown_files() {
        IngestResult result = aRepository().ingest();

        assertThat(result.pages())
                .extracting(PageDraft::key)
                .containsExactly("README.md#demo", "src/main.py", "src/util.go");
        assertThat(result.skipped()).isEmpty();
    }

    @Test
    void should_give_the_same_pages_for_the_same_source() {
        SourceFolder folder = aRepository().with("docs/guide.md", "# Guide\n\nHow to use it.\n");

        IngestResult first = folder.ingest();
        IngestResult second = folder.ingest();

        assertThat(second).isEqualTo(first);
        assertThat(first.pages()).extracting(PageDraft::key).doesNotHaveDuplicates();
    }

    @Test
    void should_not_follow_symbolic_links() throws IOException {
        SourceFolder outside = SourceFolder.in(Files.createDirectory(dir.resolve("outside")))
                .with("secret.md", "# Outside\n\nnot part of the source\n");
        Path source = Files.createDirectory(dir.resolve("source"));
        SourceFolder.in(source).with("own.md", "# Own\n\ntext\n");
        Files.createSymbolicLink(source.resolve("linked-folder"), outside.root());
        Files.createSymbolicLink(source.resolve("linked.md"), outside.path("secret.md"));

        IngestResult result = new Ingestor().ingest(source);

        assertThat(result.pages()).extracting(PageDraft::key).containsExactly("own.md#own");
    }
}
