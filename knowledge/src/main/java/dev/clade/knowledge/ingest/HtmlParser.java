package dev.clade.knowledge.ingest;

import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * HTML (jsoup): scripts, styles, navigation and footers are dropped; the body is split into one page
 * per {@code h1}-{@code h3} section like Markdown. A section is titled by its heading; text before
 * the first heading by the document's {@code <title>}, else the file name. {@code <a href>} targets
 * are collected for link resolution.
 */
final class HtmlParser implements FormatParser {

    private static final String DROPPED = "script, style, nav, footer, noscript, template";
    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3");
    private static final Set<String> PARAGRAPHS =
            Set.of("p", "ul", "ol", "dl", "table", "blockquote", "h4", "h5", "h6", "figure");

    @Override
    public List<RawPage> parse(SourceFile file, byte[] content) throws UnreadableFileException {
        Document document = Jsoup.parse(FileContents.utf8(content));
        document.select(DROPPED).remove();
        String documentTitle = document.title().strip();
        SectionCollector sections =
                new SectionCollector(file, "html", documentTitle.isEmpty() ? file.fileName() : documentTitle);
        NodeTraversor.filter(new SectionFilter(sections), document.body());
        return sections.finish();
    }

    /** Walks the body in document order, feeding text, breaks, links and headings to the collector. */
    private record SectionFilter(SectionCollector sections) implements NodeFilter {

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode text) {
                appendInline(text.text());
                return FilterResult.CONTINUE;
            }
            if (!(node instanceof Element element)) {
                return FilterResult.CONTINUE;
            }
            String tag = element.normalName();
            if (HEADINGS.contains(tag) && !element.text().isBlank()) {
                sections.startSection(element.text());
                return FilterResult.SKIP_ENTIRELY;
            }
            if (tag.equals("pre")) {
                sections.lineBreaks(2);
                sections.append(element.wholeText());
                sections.lineBreaks(2);
                return FilterResult.SKIP_ENTIRELY;
            }
            if (tag.equals("a") && element.hasAttr("href")) {
                sections.addHref(element.attr("href"));
            }
            breakLine(element);
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element element) {
                breakLine(element);
            }
            return FilterResult.CONTINUE;
        }

        private void breakLine(Element element) {
            if (PARAGRAPHS.contains(element.normalName())) {
                sections.lineBreaks(2);
            } else if (element.isBlock()) {
                sections.lineBreaks(1);
            } else if (element.normalName().equals("br")) {
                sections.append("\n");
            } else if (element.normalName().equals("td") || element.normalName().equals("th")) {
                sections.append(" ");
            }
        }

        private void appendInline(String text) {
            sections.append(sections.endsWithNewline() ? text.stripLeading() : text);
        }
    }
}
