package dev.clade.orchestrator.cli;

import java.math.BigDecimal;
import java.math.MathContext;

final class Numbers {

    private Numbers() {}

    /** Six significant digits, no exponent for everyday magnitudes. */
    static String format(double value) {
        if (value == 0 || (Math.abs(value) >= 1e-4 && Math.abs(value) < 1e9)) {
            return new BigDecimal(value)
                    .round(new MathContext(6))
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return String.format("%.5e", value);
    }
}
