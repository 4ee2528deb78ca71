package dev.clade.agents.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The regions of a file that OpenEvolve's and ShinkaEvolve's markers open for change: the lines between a comment
 * {@code EVOLVE-BLOCK-START} and the next {@code EVOLVE-BLOCK-END} (after {@code #}, {@code //} or {@code --}). A file
 * with markers may change only inside them, and its markers stay where they are; a file without markers is editable as
 * a whole.
 *
 * @param regions the open regions, in file order, as zero-based line ranges that exclude the marker lines
 * @param comment the comment token of the markers ({@code #}, {@code //} or {@code --})
 */
public record EvolveBlocks(List<Region> regions, String comment) {

    private static final Pattern MARKER = Pattern.compile("(#|//|--)\\s*EVOLVE-BLOCK-(START|END)\\b");

    /** Lines {@code from} (inclusive) to {@code to} (exclusive), zero-based. */
    public record Region(int from, int to) {
        /** As a person reads it: {@code lines 3-10}, one-based. */
        public String describe() {
            return to <= from ? "an empty block after line " + from : "lines " + (from + 1) + "-" + to;
        }

        public boolean contains(int line) {
            return line >= from && line < to;
        }
    }

    public EvolveBlocks {
        regions = List.copyOf(regions);
    }

    /** Whether the text has a marker at all (a cheap check before parsing). */
    public static boolean marked(String text) {
        return text.contains("EVOLVE-BLOCK-");
    }

    /**
     * The blocks of a text; empty when it has no marker.
     *
     * @throws IllegalArgumentException naming the line, when a block is not closed or a marker stands alone
     */
    public static Optional<EvolveBlocks> of(String file, String text) {
        if (!marked(text)) {
            return Optional.empty();
        }
        String[] lines = text.split("\n", -1);
        List<Region> regions = new ArrayList<>();
        String comment = null;
        int open = -1;
        for (int i = 0; i < lines.length; i++) {
            Matcher m = MARKER.matcher(lines[i]);
            if (!m.find()) {
                continue;
            }
            comment = comment == null ? m.group(1) : comment;
            boolean start = m.group(2).equals("START");
            if (start && open >= 0) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": EVOLVE-BLOCK-START inside the block opened"
                        + " on line " + open + "; close it with EVOLVE-BLOCK-END first");
            }
            if (!start && open < 0) {
                throw new IllegalArgumentException(
                        file + ":" + (i + 1) + ": EVOLVE-BLOCK-END without an EVOLVE-BLOCK-START before it");
            }
            if (start) {
                open = i + 1;
            } else {
                regions.add(new Region(open, i));
                open = -1;
            }
        }
        if (open >= 0) {
            throw new IllegalArgumentException(
                    file + ":" + open + ": the EVOLVE-BLOCK-START there has no EVOLVE-BLOCK-END after it");
        }
        return regions.isEmpty() ? Optional.empty() : Optional.of(new EvolveBlocks(regions, comment));
    }

    /** Whether a zero-based line lies inside an open region. */
    public boolean open(int line) {
        return regions.stream().anyMatch(r -> r.contains(line));
    }

    /** The open regions as a person reads them: {@code lines 3-10 and 20-31}. */
    public String describe() {
        return String.join(", ", regions.stream().map(Region::describe).toList());
    }

    /**
     * Why {@code after} is not an edit of {@code before} inside its blocks: a marker removed, added or broken, or a
     * line outside the blocks changed; empty when the edit keeps to the blocks (or {@code before} has none).
     */
    public static Optional<String> violation(String file, String before, String after) {
        Optional<EvolveBlocks> was;
        try {
            was = of(file, before);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // already broken before the edit: nothing to keep
        }
        if (was.isEmpty()) {
            return Optional.empty();
        }
        Optional<EvolveBlocks> is;
        try {
            is = of(file, after);
        } catch (IllegalArgumentException e) {
            return Optional.of("the edit breaks the EVOLVE-BLOCK markers of " + file + " (" + e.getMessage()
                    + "); only " + was.get().describe() + " may change, and the markers stay");
        }
        if (is.isEmpty() || is.get().regions().size() != was.get().regions().size()) {
            return Optional.of("the edit removes or adds EVOLVE-BLOCK markers in " + file + "; only "
                    + was.get().describe() + " (between the markers) may change, and the markers stay");
        }
        List<String> fixedBefore = fixed(before, was.get());
        List<String> fixedAfter = fixed(after, is.get());
        for (int i = 0; i < fixedBefore.size(); i++) {
            if (!fixedBefore.get(i).equals(fixedAfter.get(i))) {
                return Optional.of("the edit changes " + file + " outside its EVOLVE-BLOCK regions ("
                        + where(i, was.get()) + "); only " + was.get().describe() + " may change");
            }
        }
        return Optional.empty();
    }

    /** The text outside the blocks, markers included: one piece before each block and one after the last. */
    private static List<String> fixed(String text, EvolveBlocks blocks) {
        String[] lines = text.split("\n", -1);
        List<String> pieces = new ArrayList<>();
        int from = 0;
        for (Region r : blocks.regions()) {
            pieces.add(String.join("\n", java.util.Arrays.copyOfRange(lines, from, r.from())));
            from = r.to();
        }
        pieces.add(String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length)));
        return pieces;
    }

    private static String where(int piece, EvolveBlocks blocks) {
        if (piece == 0) {
            return "before the first block";
        }
        return piece == blocks.regions().size()
                ? "after the last block"
                : "between blocks " + piece + " and " + (piece + 1);
    }
}
