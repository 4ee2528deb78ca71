package dev.clade.agents.offline;

import java.util.Objects;

/**
 * One tunable number in a marked block: {@code NAME = 0.5    # [0.01, 10]}.
 *
 * @param file repository-relative path of the file that holds it
 * @param name the name left of {@code =} or {@code :}
 * @param value current value
 * @param integer whether the literal is an integer (no {@code .} and no exponent); integers stay integers
 * @param lower lower bound, {@code -Infinity} when the line gives none
 * @param upper upper bound, {@code +Infinity} when the line gives none
 * @param line zero-based line index in the file
 * @param start offset of the literal in that line
 * @param end offset just past the literal
 */
public record Parameter(
        String file,
        String name,
        double value,
        boolean integer,
        double lower,
        double upper,
        int line,
        int start,
        int end) {

    public Parameter {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("bounds of " + name + " are reversed: [" + lower + ", " + upper + "]");
        }
    }

    /** Key that names the parameter across files: {@code file:name}. */
    public String key() {
        return file + ":" + name;
    }

    public boolean bounded() {
        return Double.isFinite(lower) && Double.isFinite(upper);
    }

    /** Clamps to the bounds and rounds integers. */
    public double fit(double candidate) {
        double v = Math.max(lower, Math.min(upper, candidate));
        return integer ? Math.round(v) : v;
    }

    /** The literal to write for a value: integers without a point, decimals with six significant digits. */
    public String format(double v) {
        if (integer) {
            return Long.toString(Math.round(v));
        }
        String text = new java.math.BigDecimal(v)
                .round(new java.math.MathContext(6))
                .stripTrailingZeros()
                .toPlainString();
        return text.contains(".") ? text : text + ".0";
    }
}
