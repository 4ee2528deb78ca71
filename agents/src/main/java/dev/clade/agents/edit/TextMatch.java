package dev.clade.agents.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Finds a block of lines in a file the way a careful reader would: exactly, then ignoring trailing spaces, then
 * ignoring indentation (the replacement is then re-indented by the same difference), each time also without the blank
 * lines models add around a block.
 */
final class TextMatch {

    /** Where the block was found ({@code [start, end)} in lines) and how to re-indent the replacement. */
    record Found(int start, int end, String addIndent, String removeIndent) {
        List<String> reindent(List<String> replacement) {
            List<String> out = new ArrayList<>(replacement.size());
            for (String line : replacement) {
                if (line.isBlank()) {
                    out.add(line);
                } else if (!removeIndent.isEmpty() && line.startsWith(removeIndent)) {
                    out.add(line.substring(removeIndent.length()));
                } else {
                    out.add(addIndent + line);
                }
            }
            return out;
        }
    }

    /** Every place the block matches at the first level that matches at all. */
    static List<Found> find(List<String> file, List<String> block) {
        List<String> trimmed = trimBlankEnds(block);
        List<List<String>> candidates = trimmed.equals(block) ? List.of(block) : List.of(block, trimmed);
        List<BiPredicate<String, String>> levels = List.of(
                String::equals,
                (a, b) -> a.stripTrailing().equals(b.stripTrailing()),
                (a, b) -> a.strip().equals(b.strip()));
        for (int level = 0; level < levels.size(); level++) {
            for (List<String> candidate : candidates) {
                if (candidate.isEmpty()) {
                    continue;
                }
                List<Found> found = scan(file, candidate, levels.get(level), level == 2);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return List.of();
    }

    private static List<Found> scan(
            List<String> file, List<String> block, BiPredicate<String, String> same, boolean indentFree) {
        List<Found> found = new ArrayList<>();
        for (int start = 0; start + block.size() <= file.size(); start++) {
            boolean all = true;
            for (int j = 0; j < block.size() && all; j++) {
                all = same.test(file.get(start + j), block.get(j));
            }
            if (all) {
                found.add(indentFree ? indented(file, block, start) : new Found(start, start + block.size(), "", ""));
            }
        }
        return found;
    }

    private static Found indented(List<String> file, List<String> block, int start) {
        for (int j = 0; j < block.size(); j++) {
            if (!block.get(j).isBlank()) {
                String have = leading(file.get(start + j));
                String wrote = leading(block.get(j));
                if (have.endsWith(wrote)) {
                    return new Found(
                            start, start + block.size(), have.substring(0, have.length() - wrote.length()), "");
                }
                if (wrote.endsWith(have)) {
                    return new Found(
                            start, start + block.size(), "", wrote.substring(0, wrote.length() - have.length()));
                }
                break;
            }
        }
        return new Found(start, start + block.size(), "", "");
    }

    private static String leading(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return line.substring(0, i);
    }

    static List<String> trimBlankEnds(List<String> lines) {
        int from = 0;
        int to = lines.size();
        while (from < to && lines.get(from).isBlank()) {
            from++;
        }
        while (to > from && lines.get(to - 1).isBlank()) {
            to--;
        }
        return lines.subList(from, to);
    }

    private TextMatch() {}
}
