package dev.clade.knowledge.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * PDF (PDFBox): the text of each page, consecutive pages grouped into pages of at most {@code
 * maxChars} characters, keyed {@code file.pdf#p3-4} with source {@code file.pdf p. 3-4}. The title
 * is the document information title, else the first non-blank line, else the file name; later groups
 * add their page range to it. A malformed PDF, one that needs a password, one that forbids text
 * extraction, or one without any text is broken: "not a readable PDF: ...".
 */
record PdfParser(int maxChars) implements FormatParser {

    private static final int MAX_TITLE_CHARS = 200;

    @Override
    public List<RawPage> parse(SourceFile file, byte[] content) throws UnreadableFileException {
        try (PDDocument document = Loader.loadPDF(content)) {
            if (!document.getCurrentAccessPermission().canExtractContent()) {
                throw unreadable("encrypted, text extraction not permitted");
            }
            List<String> pageTexts = pageTexts(document);
            if (pageTexts.stream().allMatch(String::isBlank)) {
                throw unreadable("no extractable text in " + pageTexts.size() + " page(s)");
            }
            return group(file, title(document, pageTexts, file), pageTexts);
        } catch (InvalidPasswordException e) {
            throw unreadable("encrypted, a password is required");
        } catch (IOException | RuntimeException e) {
            throw unreadable(FileContents.reason(e));
        }
    }

    private static UnreadableFileException unreadable(String why) {
        return new UnreadableFileException("not a readable PDF: " + why);
    }

    private static List<String> pageTexts(PDDocument document) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        List<String> texts = new ArrayList<>();
        for (int page = 1; page <= document.getNumberOfPages(); page++) {
            stripper.setStartPage(page);
            stripper.setEndPage(page);
            texts.add(stripper.getText(document).strip());
        }
        return texts;
    }

    private static String title(PDDocument document, List<String> pageTexts, SourceFile file) {
        String info = document.getDocumentInformation().getTitle();
        if (info != null && !info.isBlank()) {
            return info.strip();
        }
        return pageTexts.stream()
                .flatMap(String::lines)
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .map(line -> line.length() > MAX_TITLE_CHARS ? line.substring(0, MAX_TITLE_CHARS) : line)
                .findFirst()
                .orElse(file.fileName());
    }

    private List<RawPage> group(SourceFile file, String title, List<String> pageTexts) {
        List<RawPage> pages = new ArrayList<>();
        int first = 1;
        StringBuilder text = new StringBuilder();
        for (int page = 1; page <= pageTexts.size(); page++) {
            String pageText = pageTexts.get(page - 1);
            if (!text.isEmpty() && text.length() + pageText.length() > maxChars) {
                pages.add(page(file, title, first, page - 1, text.toString(), pages.isEmpty()));
                first = page;
                text.setLength(0);
            }
            text.append(pageText).append("\n\n");
        }
        pages.add(page(file, title, first, pageTexts.size(), text.toString(), pages.isEmpty()));
        return pages.stream().filter(page -> !page.body().isBlank()).toList();
    }

    private static RawPage page(SourceFile file, String title, int from, int to, String text, boolean first) {
        String range = from == to ? String.valueOf(from) : from + "-" + to;
        String path = file.relativePath();
        String pageTitle = first ? title : title + " (p. " + range + ")";
        return RawPage.of(file, path + "#p" + range, pageTitle, text.strip(), path + " p. " + range, "pdf");
    }
}
