package dev.zotuner.tuner.cli;

import java.util.Locale;

/**
 * Mean and standard deviation over k-shot seeds, as LM-BFF and MeZO report them (population standard
 * deviation, numpy's default {@code ddof=0}).
 */
public final class SeedStatistics {

    private SeedStatistics() {
    }

    public static double mean(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.length;
    }

    public static double std(double[] xs) {
        double m = mean(xs);
        double s = 0;
        for (double x : xs) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / xs.length);
    }

    /** {@code "85.3 (1.2)"} in percent. */
    static String meanStd(double[] xs) {
        return String.format(Locale.ROOT, "%5.1f (%3.1f)", 100 * mean(xs), 100 * std(xs));
    }
}
