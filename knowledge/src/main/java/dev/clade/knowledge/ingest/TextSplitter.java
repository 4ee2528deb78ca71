package dev.clade.knowledge.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a long text into chunks of at most a given length, at the best break in the second half of
 * each window: a blank line, else a line end, else a space, else anywhere (never inside a surrogate
 * pair). The text between chunks is kept verbatim, so code keeps its indentation.
 */
final class TextSplitter {

    private TextSplitter() {}

    static List<String> split(String text, int maxChars) {
        List<String> chunks = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > maxChars) {
            int cut = cutPoint(rest, maxChars);
            String chunk = rest.substring(0, cut).stripTrailing();
            if (!chunk.isBlank()) {
                chunks.add(chunk);
            }
            rest = stripLeadingNewlines(rest.substring(cut));
        }
        if (!rest.isBlank()) {
            chunks.add(rest);
        }
        return chunks;
    }

    private static int cutPoint(String text, int maxChars) {
        int floor = maxChars / 2;
        for (String separator : List.of("\n\n", "\n", " ")) {
            int at = text.lastIndexOf(separator, maxChars - separator.length());
            if (at >= floor) {
                return at + separator.length();
            }
        }
        return Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
    }

    private static String stripLeadingNewlines(String text) {
        int start = 0;
        while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
            start++;
        }
        return text.substring(start);
    }
}
