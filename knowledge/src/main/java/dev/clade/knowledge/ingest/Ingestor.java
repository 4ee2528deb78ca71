package dev.clade.knowledge.ingest;

import dev.clade.knowledge.KnowledgeException;
import dev.clade.knowledge.ingest.IngestResult.Skipped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Ingests a source (one file, or a folder such as a checked-out repository or a docs folder) into
 * typed, linked page drafts. Pure and stateless: no storage, no network; the same source gives the
 * same result.
 *
 * <p>Known files: Markdown ({@code .md}, {@code .markdown}), HTML ({@code .html}, {@code .htm}), PDF,
 * code ({@code .py .java .js .ts .go .rs .c .h .cpp .hpp .cc .sh .rb .kt .scala .jl .r .m .cu}), text
 * ({@code .txt}, {@code .rst}), BibTeX ({@code .bib}) and JSON / JSON Lines paper lists. Other files
 * are ignored without a word, as are the folders {@link SourceWalker#SKIPPED_FOLDERS}, hidden files
 * and folders, and symbolic links.
 *
 * <p>A bad file never fails the ingestion: a malformed or encrypted PDF, a file without read
 * permission, a file that is not UTF-8 text, a file over the size limit each become a {@link Skipped}
 * entry saying what is wrong, and the rest of the source is still ingested.
 */
public final class Ingestor {

    private final IngestLimits limits;

    /** An ingestor with {@link IngestLimits#DEFAULTS}. */
    public Ingestor() {
        this(IngestLimits.DEFAULTS);
    }

    public Ingestor(IngestLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Ingests a file or a folder.
     *
     * @throws KnowledgeException if the source does not exist or cannot be read at all; the message
     *     names the path
     */
    public IngestResult ingest(Path source) {
        Path root = readableSource(source);
        SourceWalker.Walk walk = SourceWalker.walk(root);
        List<RawPage> pages = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>(walk.skipped());
        for (SourceFile file : walk.files()) {
            try {
                pages.addAll(parserFor(file.kind()).parse(file, FileContents.read(file, limits.maxFileBytes())));
            } catch (UnreadableFileException e) {
                skipped.add(new Skipped(file.relativePath(), e.getMessage()));
            } catch (RuntimeException e) {
                skipped.add(new Skipped(file.relativePath(), "cannot parse: " + FileContents.reason(e)));
            }
        }
        skipped.sort(Comparator.comparing(Skipped::path));
        return new IngestResult(PageAssembler.assemble(pages, limits), skipped);
    }

    private static Path readableSource(Path source) {
        Objects.requireNonNull(source, "source");
        if (!Files.exists(source)) {
            throw new KnowledgeException("source does not exist: " + source);
        }
        if (!Files.isReadable(source)) {
            throw new KnowledgeException("source is not readable: " + source);
        }
        try {
            return source.toRealPath();
        } catch (IOException e) {
            throw new KnowledgeException("cannot read source " + source + ": " + FileContents.reason(e), e);
        }
    }

    private FormatParser parserFor(FileKind kind) {
        return switch (kind) {
            case MARKDOWN -> new MarkdownParser();
            case HTML -> new HtmlParser();
            case PDF -> new PdfParser(limits.maxPageChars());
            case CODE -> PlainParser.CODE;
            case TEXT -> PlainParser.TEXT;
            case BIBTEX -> new BibtexParser();
            case JSON -> new JsonPaperParser();
        };
    }
}
