package dev.clade.agents.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the tunable parameters of a text file: the lines between a line containing {@code clade:params begin} and one
 * containing {@code clade:params end}. Inside, a parameter is a line {@code NAME = number} (or {@code NAME: number})
 * with an optional comment holding {@code [lower, upper]} bounds. Any comment syntax works, since only the markers and
 * the assignment shape are read. Other lines inside the block are left alone.
 */
public final class ParameterBlocks {

    public static final String BEGIN = "clade:params begin";
    public static final String END = "clade:params end";

    private static final String NUMBER = "[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?";
    private static final Pattern ASSIGNMENT =
            Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_.\\-]*)\\s*(?::|=|:=)\\s*(" + NUMBER + ")(?![\\w.])(.*)$");
    private static final Pattern BOUNDS = Pattern.compile("\\[\\s*(" + NUMBER + ")\\s*,\\s*(" + NUMBER + ")\\s*]");

    private ParameterBlocks() {}

    /** Whether the text has a block at all (cheap check before parsing). */
    public static boolean hasBlock(String text) {
        return text.contains(BEGIN);
    }

    /**
     * The parameters of {@code text}, in file order.
     *
     * @throws IllegalArgumentException when a block is not closed, or bounds do not hold the current value
     */
    public static List<Parameter> parse(String file, String text) {
        List<Parameter> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        boolean inside = false;
        int opened = -1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.contains(BEGIN)) {
                inside = true;
                opened = i;
            } else if (line.contains(END)) {
                inside = false;
            } else if (inside) {
                parseLine(file, line, i).ifPresent(found::add);
            }
        }
        if (inside) {
            throw new IllegalArgumentException(
                    file + ": the block opened on line " + (opened + 1) + " has no '" + END + "' line");
        }
        return List.copyOf(found);
    }

    private static java.util.Optional<Parameter> parseLine(String file, String line, int index) {
        Matcher m = ASSIGNMENT.matcher(line);
        if (!m.matches()) {
            return java.util.Optional.empty();
        }
        String literal = m.group(2);
        double value = Double.parseDouble(literal);
        boolean integer = !literal.contains(".") && !literal.contains("e") && !literal.contains("E");
        double lower = Double.NEGATIVE_INFINITY;
        double upper = Double.POSITIVE_INFINITY;
        Matcher b = BOUNDS.matcher(m.group(3));
        if (b.find()) {
            lower = Double.parseDouble(b.group(1));
            upper = Double.parseDouble(b.group(2));
            if (value < lower || value > upper) {
                throw new IllegalArgumentException(file + ":" + (index + 1) + ": " + m.group(1) + " = " + literal
                        + " lies outside its bounds [" + b.group(1) + ", " + b.group(2) + "]");
            }
        }
        return java.util.Optional.of(
                new Parameter(file, m.group(1), value, integer, lower, upper, index, m.start(2), m.end(2)));
    }

    /** Rewrites the literals of the given parameters with new values; other text stays byte for byte. */
    public static String rewrite(String text, List<Parameter> parameters, java.util.Map<String, Double> values) {
        String[] lines = text.split("\n", -1);
        // Right to left within a line, so that a longer or shorter literal does not move the ones before it.
        List<Parameter> ordered = new ArrayList<>(parameters);
        ordered.sort(java.util.Comparator.comparingInt(Parameter::line)
                .thenComparing(Parameter::start, java.util.Comparator.reverseOrder()));
        for (Parameter p : ordered) {
            Double v = values.get(p.key());
            if (v == null) {
                continue;
            }
            String line = lines[p.line()];
            lines[p.line()] = line.substring(0, p.start()) + p.format(v) + line.substring(p.end());
        }
        return String.join("\n", lines);
    }
}
