package dev.clade.knowledge.page;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides the {@link PageType} of a page from its title, body and format. Deterministic, no model:
 *
 * <ol>
 *   <li>format {@code paper} is always {@link PageType#PRINCIPLE};
 *   <li>format {@code code} is {@link PageType#IMPLEMENTATION} unless it is mostly prose (70% or more
 *       of its non-blank lines are sentences of five words or more, as in a file of comments), which
 *       is then classified like prose;
 *   <li>otherwise each type scores its keywords ({@link Vocabulary}): a keyword in the title counts
 *       its weight times {@value #TITLE_WEIGHT}, in the body its weight per occurrence, at most
 *       {@value #MAX_BODY_HITS} occurrences per keyword. Structure adds {@value #STRUCTURE_BONUS}: a
 *       numbered list of two or more items (or "Step N" lines) to {@link PageType#WORKFLOW}, a body
 *       that is mostly fenced code to {@link PageType#IMPLEMENTATION};
 *   <li>the highest score wins; ties go to the more specific type, in the order environment,
 *       workflow, heuristic, implementation, principle. Below {@value #MIN_SCORE} points nothing is
 *       said clearly enough, and prose defaults to {@link PageType#PRINCIPLE}.
 * </ol>
 */
public final class PageClassifier {

    /** How many times a keyword in the title counts more than one in the body. */
    public static final int TITLE_WEIGHT = 3;
    /** Occurrences of one keyword in the body that count at most. */
    public static final int MAX_BODY_HITS = 3;
    /** Points for a structural sign: a numbered list, a body of fenced code. */
    public static final int STRUCTURE_BONUS = 4;
    /** The least score that overrides the default, principle. */
    public static final int MIN_SCORE = 3;

    private static final List<PageType> TIE_ORDER = List.of(
            PageType.ENVIRONMENT, PageType.WORKFLOW, PageType.HEURISTIC, PageType.IMPLEMENTATION, PageType.PRINCIPLE);
    private static final Pattern NUMBERED_ITEM =
            Pattern.compile("^\\s*(?:\\d{1,3}[.)]\\s|step\\s+\\d+\\b)", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Pattern FENCED_BLOCK = Pattern.compile("(?ms)^\\s*(```|~~~).*?^\\s*\\1");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern CODE_SYMBOL = Pattern.compile("[{}();=<>\\[\\]$|&]");
    private static final Pattern COMMENT_MARK = Pattern.compile("^\\s*(?:#+|//+|/\\*+|\\*+|--|%+|\"\"\"|''')\\s*");

    private PageClassifier() {}

    /**
     * Classifies one page.
     *
     * @param title the page title (weighs more than the body)
     * @param body the page text
     * @param format the page format, see {@link PageDraft#format()}
     * @return the page type, never null
     */
    public static PageType classify(String title, String body, String format) {
        if ("paper".equals(format)) {
            return PageType.PRINCIPLE;
        }
        if ("code".equals(format) && !isMostlyProse(body)) {
            return PageType.IMPLEMENTATION;
        }
        return best(scores(title, body));
    }

    static Map<PageType, Integer> scores(String title, String body) {
        String titleWords = words(title);
        String bodyWords = words(body);
        Map<PageType, Integer> scores = new EnumMap<>(PageType.class);
        Vocabulary.KEYWORDS.forEach((type, keywords) -> {
            int score = 0;
            for (Map.Entry<String, Integer> keyword : keywords.entrySet()) {
                String needle = " " + keyword.getKey() + " ";
                score += keyword.getValue() * TITLE_WEIGHT * Math.min(1, occurrences(titleWords, needle));
                score += keyword.getValue() * Math.min(MAX_BODY_HITS, occurrences(bodyWords, needle));
            }
            scores.put(type, score);
        });
        if (numberedItems(body) >= 2) {
            scores.merge(PageType.WORKFLOW, STRUCTURE_BONUS, Integer::sum);
        }
        if (fencedShare(body) > 0.5) {
            scores.merge(PageType.IMPLEMENTATION, STRUCTURE_BONUS, Integer::sum);
        }
        return scores;
    }

    private static PageType best(Map<PageType, Integer> scores) {
        PageType best = PageType.PRINCIPLE;
        int bestScore = MIN_SCORE - 1;
        for (PageType type : TIE_ORDER) {
            if (scores.get(type) > bestScore) {
                best = type;
                bestScore = scores.get(type);
            }
        }
        return best;
    }

    /** Lower-case words separated by single spaces, padded with a space at both ends. */
    static String words(String text) {
        String joined =
                NON_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        return " " + joined + " ";
    }

    private static int occurrences(String haystack, String needle) {
        int count = 0;
        int from = haystack.indexOf(needle);
        while (from >= 0) {
            count++;
            from = haystack.indexOf(needle, from + needle.length() - 1);
        }
        return count;
    }

    private static int numberedItems(String body) {
        return (int) NUMBERED_ITEM.matcher(body).results().count();
    }

    private static double fencedShare(String body) {
        Matcher matcher = FENCED_BLOCK.matcher(body);
        int fenced = 0;
        while (matcher.find()) {
            fenced += matcher.end() - matcher.start();
        }
        return body.isEmpty() ? 0 : (double) fenced / body.length();
    }

    static boolean isMostlyProse(String code) {
        List<String> lines = code.lines().filter(line -> !line.isBlank()).toList();
        long prose = lines.stream().filter(PageClassifier::isProseLine).count();
        return lines.size() >= 3 && prose >= 0.7 * lines.size();
    }

    private static boolean isProseLine(String line) {
        String text = COMMENT_MARK.matcher(line).replaceFirst("");
        long symbols = CODE_SYMBOL.matcher(text).results().count();
        long words = words(text).strip().split(" ").length;
        return words >= 5 && symbols <= 1;
    }
}
