package dev.clade.knowledge.ingest;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown: one page per section of heading level 1 to 3 (ATX {@code #} headings, and Setext
 * headings under a one-line paragraph); deeper headings and fenced code blocks stay inside their
 * section. A YAML front matter block at the top is dropped. Link targets of inline links, reference
 * definitions and {@code href} attributes are collected for link resolution.
 */
final class MarkdownParser implements FormatParser {

    private static final Pattern ATX = Pattern.compile("^ {0,3}(#{1,6})[ \\t]+(.+?)(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern SETEXT = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern INLINE_LINK = Pattern.compile("\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+[\"'(][^)]*)?\\)");
    private static final Pattern REFERENCE_LINK = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)>?");
    private static final Pattern HREF = Pattern.compile("href\\s*=\\s*[\"']([^\"']+)[\"']");

    @Override
    public List<RawPage> parse(SourceFile file, byte[] content) throws UnreadableFileException {
        List<String> lines =
                withoutFrontMatter(FileContents.utf8(content).lines().toList());
        SectionCollector sections = new SectionCollector(file, "markdown", file.fileName());
        String fence = null;
        String previous = "";
        String beforePrevious = "";
        for (String line : lines) {
            if (fence != null) {
                fence = closes(fence, line) ? null : fence;
                appendLine(sections, line);
            } else if (FENCE.matcher(line).find()) {
                fence = opening(line);
                appendLine(sections, line);
            } else if (!handledAsHeading(sections, line, previous, beforePrevious)) {
                appendLine(sections, line);
            }
            beforePrevious = previous;
            previous = fence == null ? line : "";
        }
        return sections.finish();
    }

    private static boolean handledAsHeading(SectionCollector sections, String line, String previous, String before) {
        Matcher atx = ATX.matcher(line);
        if (atx.matches() && atx.group(1).length() <= 3) {
            sections.startSection(atx.group(2));
            return true;
        }
        Matcher setext = SETEXT.matcher(line);
        if (setext.matches() && isParagraphLine(previous) && before.isBlank()) {
            sections.startSection(sections.removeLastLine());
            return true;
        }
        return false;
    }

    private static boolean isParagraphLine(String line) {
        String text = line.strip();
        return !text.isEmpty()
                && !ATX.matcher(line).matches()
                && !FENCE.matcher(line).find()
                && !SETEXT.matcher(line).matches()
                && !text.startsWith("- ")
                && !text.startsWith("* ")
                && !text.startsWith(">")
                && !text.startsWith("|");
    }

    private static void appendLine(SectionCollector sections, String line) {
        sections.append(line + "\n");
        for (Pattern pattern : List.of(INLINE_LINK, REFERENCE_LINK, HREF)) {
            pattern.matcher(line).results().forEach(match -> sections.addHref(match.group(1)));
        }
    }

    private static String opening(String line) {
        Matcher matcher = FENCE.matcher(line);
        matcher.find();
        return matcher.group(1);
    }

    private static boolean closes(String fence, String line) {
        String text = line.strip();
        return text.length() >= fence.length()
                && text.chars().allMatch(c -> c == fence.charAt(0))
                && line.indexOf(fence.charAt(0)) <= 3;
    }

    private static List<String> withoutFrontMatter(List<String> lines) {
        if (lines.isEmpty() || !lines.getFirst().strip().equals("---")) {
            return lines;
        }
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("---") || lines.get(i).strip().equals("...")) {
                return lines.subList(i + 1, lines.size());
            }
        }
        return lines;
    }
}
