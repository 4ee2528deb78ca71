package dev.clade.knowledge.ingest;

import java.util.List;

/**
 * Code and plain text: one page per file, titled by the relative path (code) or the file name
 * (text). Long files are split into numbered parts later, at blank lines where possible.
 */
record PlainParser(String format) implements FormatParser {

    static final PlainParser CODE = new PlainParser("code");
    static final PlainParser TEXT = new PlainParser("text");

    @Override
    public List<RawPage> parse(SourceFile file, byte[] content) throws UnreadableFileException {
        String text = FileContents.utf8(content).strip();
        if (text.isEmpty()) {
            return List.of();
        }
        String title = "code".equals(format) ? file.relativePath() : file.fileName();
        return List.of(RawPage.of(file, file.relativePath(), title, text, file.relativePath(), format));
    }
}
