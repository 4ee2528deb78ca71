package dev.clade.agents.offline;

import dev.clade.agents.edit.EvolveBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The numeric literals of code as tunable parameters, for files with no {@code clade:params} block: those inside a
 * file's {@link EvolveBlocks} or, when a spec asks for it, those of the whole file. A literal in a string or a comment,
 * part of a name ({@code x2}, {@code float32}), a hexadecimal, octal or binary number, or an exponent's digits is left
 * alone. Integers stay integers; a literal cannot turn negative (its sign, if any, is code), so the lower bound is 0
 * and other bounds come from lessons, not from comments. A literal's name is the name it is assigned to when the line
 * reads {@code name = literal}, else {@code line<N>} (with {@code .2}, {@code .3} for later literals on the line).
 */
final class EvolveLiterals {

    /** {@code name = ...} (with a declaration's keywords or a type annotation before the {@code =}). */
    private static final java.util.regex.Pattern ASSIGNED = java.util.regex.Pattern.compile(
            "^\\s*(?:(?:const|let|var|final|static|auto|int|float|double|long)\\s+)*([A-Za-z_][A-Za-z0-9_]*)\\s*(?::\\s*[A-Za-z_][\\w\\[\\], ]*)?\\s*=[^=]");

    private EvolveLiterals() {}

    /** The literals inside the file's evolve blocks; none when it has no blocks. */
    static List<Parameter> inBlocks(String file, String text) {
        return EvolveBlocks.of(file, text)
                .map(blocks -> literals(file, text, blocks.comment(), blocks::open))
                .orElse(List.of());
    }

    /** Every literal of the file, comments read as {@code comment} starts them. */
    static List<Parameter> everywhere(String file, String text) {
        return literals(file, text, commentOf(file), line -> true);
    }

    /** The line comment of a file by its extension: {@code #} unless it reads as C-like or SQL/Lua/Haskell. */
    static String commentOf(String file) {
        String name = file.toLowerCase(java.util.Locale.ROOT);
        if (name.matches(".*\\.(c|h|cc|cpp|hpp|cu|cuh|java|js|ts|go|rs|kt|scala|swift|cs|zig)$")) {
            return "//";
        }
        return name.matches(".*\\.(sql|lua|hs|elm)$") ? "--" : "#";
    }

    private static List<Parameter> literals(String file, String text, String comment, IntPredicate open) {
        List<Parameter> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        Scanner scanner = new Scanner(comment);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < lines.length; i++) {
            List<int[]> spans = scanner.numbers(lines[i]);
            if (!open.test(i)) {
                continue;
            }
            String assigned = assignedName(lines[i]);
            for (int k = 0; k < spans.size(); k++) {
                int[] s = spans.get(k);
                String literal = lines[i].substring(s[0], s[1]);
                boolean integer = literal.chars().allMatch(Character::isDigit);
                String name = assigned != null && spans.size() == 1 && !names.contains(assigned)
                        ? assigned
                        : "line" + (i + 1) + (k == 0 ? "" : "." + (k + 1));
                names.add(name);
                found.add(new Parameter(
                        file, name, Double.parseDouble(literal), integer, 0, Double.POSITIVE_INFINITY, i, s[0], s[1]));
            }
        }
        return List.copyOf(found);
    }

    private static String assignedName(String line) {
        java.util.regex.Matcher m = ASSIGNED.matcher(line);
        return m.find() ? m.group(1) : null;
    }

    /**
     * Finds decimal literals in lines, skipping strings (single, double and triple quotes, which may span lines) and
     * comments; keeps its state across lines for triple-quoted strings and C block comments.
     */
    private static final class Scanner {
        private final String comment;
        private String openString; // the quote of a string that continues on the next line
        private boolean inBlockComment;

        Scanner(String comment) {
            this.comment = comment;
        }

        List<int[]> numbers(String line) {
            List<int[]> spans = new ArrayList<>();
            int i = 0;
            int n = line.length();
            while (i < n) {
                if (inBlockComment) {
                    int end = line.indexOf("*/", i);
                    if (end < 0) {
                        return spans;
                    }
                    inBlockComment = false;
                    i = end + 2;
                    continue;
                }
                if (openString != null) {
                    int end = closing(line, i, openString);
                    if (end < 0) {
                        return spans;
                    }
                    openString = null;
                    i = end;
                    continue;
                }
                char c = line.charAt(i);
                if (line.startsWith(comment, i)) {
                    return spans;
                }
                if (comment.equals("//") && line.startsWith("/*", i)) {
                    inBlockComment = true;
                    i += 2;
                    continue;
                }
                if (c == '"' || c == '\'' || c == '`') {
                    String quote = line.startsWith("\"\"\"", i)
                            ? "\"\"\""
                            : line.startsWith("'''", i) ? "'''" : String.valueOf(c);
                    int end = closing(line, i + quote.length(), quote);
                    if (end < 0) {
                        if (quote.length() == 3 || c == '`') {
                            openString = quote;
                        }
                        return spans;
                    }
                    i = end;
                    continue;
                }
                if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(line.charAt(i + 1)))) {
                    int end = number(line, i);
                    boolean partOfName = i > 0
                            && (Character.isLetterOrDigit(line.charAt(i - 1))
                                    || line.charAt(i - 1) == '_'
                                    || line.charAt(i - 1) == '.');
                    boolean radix = c == '0' && i + 1 < n && "xXoObB".indexOf(line.charAt(i + 1)) >= 0;
                    boolean suffixed = end < n && (Character.isLetter(line.charAt(end)) || line.charAt(end) == '_');
                    if (!partOfName && !radix && !suffixed) {
                        spans.add(new int[] {i, end});
                    }
                    i = Math.max(end, i + 1);
                    while (i < n && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_')) {
                        i++;
                    }
                    continue;
                }
                i++;
            }
            return spans;
        }

        /** The index just past the closing quote, or -1 when the string goes on past this line. */
        private static int closing(String line, int from, String quote) {
            int i = from;
            while (i < line.length()) {
                if (line.charAt(i) == '\\') {
                    i += 2;
                    continue;
                }
                if (line.startsWith(quote, i)) {
                    return i + quote.length();
                }
                i++;
            }
            return -1;
        }

        /** The end of the decimal literal starting at {@code i}: digits, a point, digits, an exponent. */
        private static int number(String line, int i) {
            int n = line.length();
            int j = i;
            while (j < n && Character.isDigit(line.charAt(j))) {
                j++;
            }
            if (j < n
                    && line.charAt(j) == '.'
                    && (j + 1 >= n
                            || !Character.isLetter(line.charAt(j + 1))
                            || j + 1 < n && (line.charAt(j + 1) == 'e' || line.charAt(j + 1) == 'E'))) {
                j++;
                while (j < n && Character.isDigit(line.charAt(j))) {
                    j++;
                }
            }
            if (j < n && (line.charAt(j) == 'e' || line.charAt(j) == 'E')) {
                int k = j + 1;
                if (k < n && (line.charAt(k) == '+' || line.charAt(k) == '-')) {
                    k++;
                }
                if (k < n && Character.isDigit(line.charAt(k))) {
                    j = k;
                    while (j < n && Character.isDigit(line.charAt(j))) {
                        j++;
                    }
                }
            }
            return j;
        }
    }
}
