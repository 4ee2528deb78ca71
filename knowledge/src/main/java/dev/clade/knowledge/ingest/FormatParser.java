package dev.clade.knowledge.ingest;

import java.util.List;

/**
 * Turns one file's bytes into raw pages. A parser returns an empty list for a file with nothing to
 * ingest (an empty file, a JSON file that is not a paper list), and throws {@link
 * UnreadableFileException} with a reason for a file that is broken.
 */
sealed interface FormatParser
        permits MarkdownParser, HtmlParser, PdfParser, PlainParser, BibtexParser, JsonPaperParser {

    List<RawPage> parse(SourceFile file, byte[] content) throws UnreadableFileException;
}
