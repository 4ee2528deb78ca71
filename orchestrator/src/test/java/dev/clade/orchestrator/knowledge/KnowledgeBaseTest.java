package dev.clade.orchestrator.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clade.knowledge.KnowledgeException;
import dev.clade.knowledge.page.PageType;
import dev.clade.knowledge.search.KnowledgeHit;
import dev.clade.knowledge.search.KnowledgeSearch;
import dev.clade.knowledge.store.KnowledgeBase;
import dev.clade.orchestrator.guidance.KnowledgeService;
import dev.clade.orchestrator.testing.EmbeddedPostgresResource;
import dev.clade.orchestrator.testing.KnowledgeSamples;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingestion into PostgreSQL and hybrid, tiered retrieval, over a sample of every format. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class KnowledgeBaseTest {

    @Inject
    KnowledgeService knowledge;

    @Inject
    KnowledgeBase base;

    @Inject
    KnowledgeSearch search;

    @TempDir
    Path dir;

    @Test
    void should_store_every_format_and_list_a_malformed_pdf_without_losing_the_rest() throws Exception {
        Path corpus = KnowledgeSamples.corpus(dir.resolve("corpus"));
        Files.write(corpus.resolve("docs/broken.pdf"), "%PDF-1.4\nthis is not really a pdf".getBytes());

        KnowledgeBase.Stored stored = knowledge.ingest(corpus.toString());

        assertThat(stored.pages()).isEqualTo(KnowledgeSamples.PAGES);
        assertThat(stored.byType()).containsKeys(PageType.values());
        assertThat(stored.links()).isPositive();
        assertThat(stored.skipped()).singleElement().satisfies(s -> {
            assertThat(s.path()).isEqualTo("docs/broken.pdf");
            assertThat(s.reason()).startsWith("not a readable PDF");
        });
        assertThat(base.source(corpus.toString()))
                .hasValueSatisfying(s -> assertThat(s.pages).isEqualTo(stored.pages()));
    }

    @Test
    void should_find_pages_by_words_and_by_meaning() throws Exception {
        knowledge.ingest(KnowledgeSamples.corpus(dir.resolve("corpus")).toString());

        assertThat(search.search("my training crashed because the GPU ran out of memory", 3, Set.of()))
                .first()
                .satisfies(h -> assertThat(h.key()).isEqualTo("docs/environment.md#cuda-out-of-memory"));
        assertThat(search.search("randomly dropping units to reduce overfitting", 3, Set.of()))
                .first()
                .satisfies(h -> assertThat(h.key()).isEqualTo("papers.bib#srivastava2014"));
        assertThat(search.search("GPU", 10, Set.of(PageType.IMPLEMENTATION)))
                .allSatisfy(h -> assertThat(h.type()).isEqualTo(PageType.IMPLEMENTATION));
        assertThat(search.search("the colour of the dashboard's buttons", 5, Set.of()))
                .as("nothing unrelated")
                .isEmpty();
    }

    @Test
    void should_bring_a_workflows_links_and_the_pages_that_match_an_error() throws Exception {
        knowledge.ingest(KnowledgeSamples.corpus(dir.resolve("corpus")).toString());

        List<KnowledgeHit> hits = search.retrieve(
                "steps to fine-tune a pretrained classifier",
                Optional.of("Traceback ...\nnumpy ValueError: numpy.dtype size changed"),
                3);

        assertThat(hits).anySatisfy(h -> assertThat(h.type()).isEqualTo(PageType.WORKFLOW));
        assertThat(hits).anySatisfy(h -> assertThat(h.via()).startsWith("linked from workflow 'Steps'"));
        assertThat(hits)
                .filteredOn(h -> h.via().equals("matches the error"))
                .extracting(KnowledgeHit::key)
                .contains("docs/environment.md#pinning-versions");
        assertThat(hits).extracting(KnowledgeHit::id).doesNotHaveDuplicates();
    }

    @Test
    void should_replace_a_sources_pages_when_it_is_ingested_again() throws Exception {
        Path corpus = KnowledgeSamples.corpus(dir.resolve("corpus"));
        knowledge.ingest(corpus.toString());
        Files.delete(corpus.resolve("papers.bib"));

        KnowledgeBase.Stored again = knowledge.ingest(corpus.toString());

        assertThat(again.pages()).isEqualTo(KnowledgeSamples.PAGES - 3);
        // Other tests ingest the same corpus elsewhere: look only at this source's pages.
        String mine = corpus + ": ";
        assertThat(search.search("adaptive moment estimation optimizer", 50, Set.of()))
                .noneMatch(h -> h.source().startsWith(mine) && h.key().startsWith("papers.bib"));
        assertThat(base.page(corpus.toString(), "docs/fine-tuning.md#steps"))
                .hasValueSatisfying(p -> assertThat(p.linksTo())
                        .extracting(r -> r.key)
                        .contains("docs/environment.md#cuda-out-of-memory", "docs/tuning.md#learning-rate-first"));
    }

    @Test
    void should_ingest_a_campaigns_folder_again_only_when_it_changed() throws Exception {
        Path notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notes.resolve("a.md"), "# Alpha\n\nThe first note about tiling kernels.\n");
        List<String> told = new java.util.ArrayList<>();

        knowledge.ensure(List.of(notes.toString()), told::add);
        // What the ingestion does not read changes nothing: a git checkout's index, a build's output.
        Files.createDirectories(notes.resolve(".git"));
        Files.writeString(notes.resolve(".git/index"), "changed by git status");
        Files.createDirectories(notes.resolve("build"));
        Files.writeString(notes.resolve("build/out.md"), "# Generated\n\nbuild output\n");
        knowledge.ensure(List.of(notes.toString()), told::add);
        Files.writeString(notes.resolve("b.md"), "# Beta\n\nA second note about warp shuffles.\n");
        knowledge.ensure(List.of(notes.toString(), dir.resolve("gone").toString()), told::add);

        assertThat(told).hasSize(3);
        assertThat(told.get(0)).startsWith("knowledge: ingested " + notes).contains("1 pages");
        assertThat(told.get(1)).as("the folder changed: ingested again").contains("2 pages");
        assertThat(told.get(2)).startsWith("knowledge: could not ingest " + dir.resolve("gone"));
        assertThat(base.source(notes.toString()))
                .hasValueSatisfying(s -> assertThat(s.pages).isEqualTo(2));
    }

    @Test
    void should_ingest_a_git_repository_by_url_and_refuse_a_missing_source() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("README.md"), "# Kernel notes\n\nUse shared memory tiles of 32 by 32.\n");
        try (Git git = Git.init().setDirectory(repo.toFile()).call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("notes").setAuthor("t", "t@example.com").call();
        }

        KnowledgeBase.Stored stored = knowledge.ingest(repo.toUri().toString());

        assertThat(stored.pages()).isEqualTo(1);
        assertThat(search.search("shared memory tiles", 1, Set.of()))
                .first()
                .satisfies(h -> assertThat(h.source()).startsWith("file:"));
        assertThatThrownBy(() -> knowledge.ingest(dir.resolve("nowhere").toString()))
                .isInstanceOf(KnowledgeException.class)
                .hasMessageContaining("nowhere");
    }
}
