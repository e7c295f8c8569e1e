package dev.zotuner.tuner.curvature;

/**
 * Two-sided quantiles of Student's t distribution with an integer number of degrees of freedom,
 * for confidence intervals on a mean of n i.i.d. probes (ν = n − 1).
 *
 * <p>P(|T| ≤ t) is the finite trigonometric series of Abramowitz &amp; Stegun, <i>Handbook of
 * Mathematical Functions</i>, 26.7.3 (ν odd) and 26.7.4 (ν even), with θ = atan(t/√ν); it is
 * exact up to rounding and costs O(ν). The quantile is found by bisection to full double precision.
 */
public final class StudentT {

    private StudentT() {
    }

    /** P(|T| ≤ t) for t ≥ 0 and ν ≥ 1 degrees of freedom. */
    public static double central(double t, int nu) {
        if (nu < 1) {
            throw new IllegalArgumentException("Student t needs >= 1 degree of freedom, got " + nu);
        }
        if (!(t >= 0)) {
            throw new IllegalArgumentException("Student t: |T| bound must be >= 0, got " + t);
        }
        if (t == Double.POSITIVE_INFINITY) {
            return 1;
        }
        double theta = Math.atan(t / Math.sqrt(nu));
        double s = Math.sin(theta);
        double c2 = Math.cos(theta) * Math.cos(theta);
        double term = 1;
        double sum = 1;
        if (nu % 2 == 1) {
            for (int k = 1; k <= (nu - 3) / 2; k++) {
                term *= c2 * (2.0 * k) / (2.0 * k + 1);
                sum += term;
            }
            double series = nu == 1 ? 0 : s * Math.cos(theta) * sum;
            return Math.min(1, 2 / Math.PI * (theta + series));
        }
        for (int k = 1; k <= (nu - 2) / 2; k++) {
            term *= c2 * (2.0 * k - 1) / (2.0 * k);
            sum += term;
        }
        return Math.min(1, s * sum);
    }

    /**
     * The t with P(|T| ≤ t) = {@code confidence}, i.e. the (1 + confidence)/2 quantile: the half-width
     * of a two-sided interval in standard errors (12.706 for ν = 1 at 95 %, 1.960 as ν → ∞).
     */
    public static double twoSidedQuantile(double confidence, int nu) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + confidence);
        }
        double lo = 0;
        double hi = 2;
        while (central(hi, nu) < confidence) {
            lo = hi;
            hi *= 2;
        }
        for (int i = 0; i < 200 && Math.nextUp(lo) < hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (central(mid, nu) < confidence) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }
}
