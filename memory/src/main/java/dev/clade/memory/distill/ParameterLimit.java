package dev.clade.memory.distill;

import java.util.Objects;

/**
 * A bound a failure taught about one numeric parameter: keep {@code name} in {@code file} below (or above) {@code
 * value}, the value at which the run broke. The offline proposer avoids values past it.
 *
 * @param below whether the parameter must stay below {@code value} (it broke when raised); else above
 */
public record ParameterLimit(String file, String name, boolean below, double value) {

    public ParameterLimit {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a parameter limit must be finite");
        }
    }

    /** Whether {@code candidate} lies where the run broke: at or past the limit. */
    public boolean violatedBy(double candidate) {
        return below ? candidate >= value : candidate <= value;
    }

    /** The tighter of two limits on the same parameter and side: the lowest value that broke, or the highest. */
    public ParameterLimit tighter(ParameterLimit other) {
        if (!file.equals(other.file) || !name.equals(other.name) || below != other.below) {
            return other;
        }
        return below ? (other.value < value ? other : this) : (other.value > value ? other : this);
    }

    /** {@code file:name}, as the offline proposer names parameters. */
    public String key() {
        return file + ":" + name;
    }

    @Override
    public String toString() {
        return name + (below ? " < " : " > ") + Distiller.number(value) + " (" + file + ")";
    }
}
