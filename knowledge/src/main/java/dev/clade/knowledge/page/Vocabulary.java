package dev.clade.knowledge.page;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keywords {@link PageClassifier} counts, per page type, with their weight: 2 for a keyword that alone says what a
 * page is about, 1 for a weaker hint. They are data, kept in {@code vocabulary.txt} beside this class: a line gives a
 * weight and a keyword (a lower-case word sequence; punctuation is a word break, so {@code apt-get} is written {@code
 * apt get}), and {@code [TYPE]} starts the keywords of a page type. A malformed file fails the class's loading, naming
 * the line.
 */
final class Vocabulary {

    static final String FILE = "vocabulary.txt";

    static final Map<PageType, Map<String, Integer>> KEYWORDS = read();

    private Vocabulary() {}

    private static Map<PageType, Map<String, Integer>> read() {
        try (InputStream in = Vocabulary.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException("the page vocabulary " + FILE + " is missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the page vocabulary " + FILE, e);
        }
    }

    static Map<PageType, Map<String, Integer>> parse(BufferedReader lines) throws IOException {
        Map<PageType, Map<String, Integer>> all = new EnumMap<>(PageType.class);
        Map<String, Integer> current = null;
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.startsWith("[") && text.endsWith("]")) {
                PageType type = type(text.substring(1, text.length() - 1), number);
                current = new LinkedHashMap<>();
                if (all.put(type, current) != null) {
                    throw bad(number, "page type " + type + " is listed twice");
                }
                continue;
            }
            String[] weighted = text.split("\\s+", 2);
            if (current == null || weighted.length < 2 || !weighted[0].matches("[12]")) {
                throw bad(number, "expected '[TYPE]' or a weight (1 or 2) and a keyword, got '" + text + "'");
            }
            if (!weighted[1].matches("[a-z0-9]+( [a-z0-9]+)*")) {
                throw bad(number, "'" + weighted[1] + "' is not lower-case words separated by single spaces");
            }
            if (current.put(weighted[1], Integer.parseInt(weighted[0])) != null) {
                throw bad(number, "'" + weighted[1] + "' is listed twice for one page type");
            }
        }
        all.replaceAll((type, keywords) -> Collections.unmodifiableMap(keywords));
        return Collections.unmodifiableMap(all);
    }

    private static PageType type(String name, int line) {
        try {
            return PageType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw bad(line, "'" + name + "' is not a page type");
        }
    }

    private static IllegalStateException bad(int line, String why) {
        return new IllegalStateException(FILE + " line " + line + ": " + why);
    }
}
