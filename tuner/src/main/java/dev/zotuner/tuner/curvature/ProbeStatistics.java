package dev.zotuner.tuner.curvature;

import java.util.ArrayList;
import java.util.List;

/**
 * Running moments of i.i.d. probe values q₁, q₂, … (second differences vᵀHv), in double: mean,
 * unbiased variance, the fourth central moment, the standard error of the mean and a Student-t
 * confidence interval. The values are also kept in order ({@link #values()}), so two estimates
 * built on the same probe seeds can be compared probe by probe.
 *
 * <p>Updates are the one-pass formulas of Welford (1962) extended to M₃, M₄ by Terriberry (2007)
 * and Pébay, "Formulas for robust, one-pass parallel computation of covariances and arbitrary-order
 * statistical moments" (Sandia SAND2008-6212), so the result does not suffer from cancellation.
 *
 * <p>Mutable accumulator, not thread-safe; one per estimate.
 */
public final class ProbeStatistics {

    private final List<Double> values = new ArrayList<>();
    private long n;
    private double mean;
    private double m2;
    private double m3;
    private double m4;

    /** Adds one probe value. */
    public void add(double q) {
        if (!Double.isFinite(q)) {
            throw new IllegalArgumentException("probe value " + q + " is not finite (loss NaN/inf at a perturbed point?)");
        }
        values.add(q);
        long n1 = n;
        n++;
        double delta = q - mean;
        double dn = delta / n;
        double dn2 = dn * dn;
        double term = delta * dn * n1;
        mean += dn;
        m4 += term * dn2 * ((double) n * n - 3.0 * n + 3) + 6 * dn2 * m2 - 4 * dn * m3;
        m3 += term * dn * (n - 2) - 3 * dn * m2;
        m2 += term;
    }

    /** The values added so far, in order. */
    public List<Double> values() {
        return List.copyOf(values);
    }

    public long count() {
        return n;
    }

    /** Sample mean (NaN before the first sample). */
    public double mean() {
        return n == 0 ? Double.NaN : mean;
    }

    /** Unbiased sample variance s² (NaN below two samples). */
    public double variance() {
        return n < 2 ? Double.NaN : m2 / (n - 1);
    }

    /** Standard error of the mean, s/√n (NaN below two samples). */
    public double standardError() {
        return Math.sqrt(variance() / n);
    }

    /** se/|mean|: +∞ at mean 0, NaN below two samples. */
    public double relativeStandardError() {
        return standardError() / Math.abs(mean());
    }

    /** Half-width of the two-sided Student-t interval, t_{(1+c)/2, n−1} · se. */
    public double halfWidth(double confidence) {
        if (n < 2) {
            return Double.NaN;
        }
        return StudentT.twoSidedQuantile(confidence, (int) Math.min(Integer.MAX_VALUE, n - 1)) * standardError();
    }

    /** Fourth central sample moment m₄ = (1/n) Σ (qᵢ − q̄)⁴. */
    public double fourthMoment() {
        return n == 0 ? Double.NaN : m4 / n;
    }

    /**
     * Standard error of s² itself: √((m₄ − s⁴(n−3)/(n−1))/n) (the plug-in form of
     * Var(s²) = (μ₄ − σ⁴(n−3)/(n−1))/n), clamped at 0; NaN below four samples.
     */
    public double varianceStandardError() {
        if (n < 4) {
            return Double.NaN;
        }
        double s2 = variance();
        double v = (fourthMoment() - s2 * s2 * (n - 3) / (n - 1)) / n;
        return Math.sqrt(Math.max(0, v));
    }
}
