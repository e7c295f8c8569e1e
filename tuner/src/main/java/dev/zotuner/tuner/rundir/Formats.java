package dev.zotuner.tuner.rundir;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Number formatting for labels and tables: locale-independent, short, and NaN as a dash. */
public final class Formats {

    /** Shown for a missing or non-finite value. */
    public static final String MISSING = "—";

    private Formats() {
    }

    /**
     * The shortest exact form of {@code x}: integers plainly ({@code 20000}), very small or large
     * values as {@code 1e-5} / {@code 2.5e6}, the rest plainly ({@code 0.9}).
     */
    public static String compact(double x) {
        if (!Double.isFinite(x)) {
            return Double.toString(x);
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return shape(new BigDecimal(Double.toString(x)));
    }

    /** {@code x} to {@code digits} significant digits, trailing zeros dropped; NaN → a dash. */
    public static String significant(double x, int digits) {
        if (!Double.isFinite(x)) {
            return MISSING;
        }
        if (x == 0.0) {
            return "0";
        }
        return shape(new BigDecimal(x).round(new MathContext(digits, RoundingMode.HALF_EVEN)));
    }

    /** A fraction in [0, 1] as a percentage with one decimal ({@code 0.8525 → 85.3}); NaN → dash. */
    public static String percent(double fraction) {
        if (!Double.isFinite(fraction)) {
            return MISSING;
        }
        return String.format(Locale.ROOT, "%.1f", 100.0 * fraction);
    }

    private static String shape(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        double abs = Math.abs(v.doubleValue());
        if (abs != 0.0 && (abs < 1e-2 || abs >= 1e5)) {
            int exponent = v.precision() - v.scale() - 1;
            BigDecimal mantissa = v.movePointLeft(exponent).stripTrailingZeros();
            return mantissa.toPlainString() + "e" + exponent;
        }
        return v.toPlainString();
    }
}
