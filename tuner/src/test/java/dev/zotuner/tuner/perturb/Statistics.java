package dev.zotuner.tuner.perturb;

import java.util.Arrays;

/** Test support: moments and goodness-of-fit statistics against N(0,1). */
final class Statistics {

    private Statistics() {
    }

    /** Standard normal CDF via erfc (Numerical Recipes' Chebyshev fit, |relative error| &lt; 1.2e-7). */
    static double phi(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2 - ans;
    }

    static double mean(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** E[x^k] (raw moment). */
    static double moment(float[] x, int k) {
        double s = 0;
        for (float v : x) {
            s += Math.pow(v, k);
        }
        return s / x.length;
    }

    /** Kolmogorov–Smirnov distance between the sample's empirical CDF and Φ. */
    static double ksDistance(float[] x) {
        float[] sorted = x.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = phi(sorted[i]);
            d = Math.max(d, Math.max(f - (double) i / n, (double) (i + 1) / n - f));
        }
        return d;
    }

    /** Pearson χ² of Φ(x) over {@code bins} equiprobable bins (bins − 1 degrees of freedom). */
    static double chiSquare(float[] x, int bins) {
        long[] counts = new long[bins];
        for (float v : x) {
            counts[Math.min(bins - 1, (int) (phi(v) * bins))]++;
        }
        double expected = (double) x.length / bins;
        double chi = 0;
        for (long c : counts) {
            chi += (c - expected) * (c - expected) / expected;
        }
        return chi;
    }

    /** χ² of (Φ(a_i), Φ(b_i)) over a bins×bins grid ((bins−1)² dof if a and b are independent N(0,1)). */
    static double chiSquare2d(float[] a, float[] b, int bins) {
        long[] counts = new long[bins * bins];
        for (int i = 0; i < a.length; i++) {
            int r = Math.min(bins - 1, (int) (phi(a[i]) * bins));
            int c = Math.min(bins - 1, (int) (phi(b[i]) * bins));
            counts[r * bins + c]++;
        }
        double expected = (double) a.length / (bins * bins);
        double chi = 0;
        for (long c : counts) {
            chi += (c - expected) * (c - expected) / expected;
        }
        return chi;
    }

    /** Pearson correlation of two equally long samples. */
    static double correlation(float[] a, float[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            double da = a[i] - ma;
            double db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
