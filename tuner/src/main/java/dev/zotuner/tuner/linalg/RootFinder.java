package dev.zotuner.tuner.linalg;

import java.util.function.DoubleUnaryOperator;

/**
 * Bracketed scalar root finding: Brent's method (R. P. Brent, <i>Algorithms for Minimization
 * without Derivatives</i>, 1973, ch. 4 "zeroin"), which keeps a sign-changing bracket and falls back
 * to bisection, so it cannot diverge. +∞ values are allowed at the right and count as positive.
 */
public final class RootFinder {

    /** Relative accuracy of every root returned here. */
    public static final double RELATIVE_TOLERANCE = 1e-13;

    private static final int MAX_ITERATIONS = 500;

    private RootFinder() {
    }

    /**
     * The first root of g on (lo, hi), given g(lo) &lt; 0 and g → +∞ (or ≥ 0) towards hi: scans
     * {@code scan} equal steps for the first sign change, then refines it with Brent's method.
     */
    public static double firstRoot(DoubleUnaryOperator g, double lo, double hi, int scan) {
        double a = lo;
        double ga = g.applyAsDouble(lo);
        if (!(ga < 0)) {
            throw new IllegalArgumentException("no bracket: g(" + lo + ") = " + ga + " is not < 0");
        }
        for (int k = 1; k < scan; k++) {
            double x = lo + (hi - lo) * k / scan;
            double gx = g.applyAsDouble(x);
            if (gx >= 0) {
                return brent(g, a, ga, x, gx);
            }
            a = x;
            ga = gx;
        }
        // Root in the last cell: halve the gap to hi until g is ≥ 0 at a point left of hi.
        double b = hi;
        double gb = g.applyAsDouble(b);
        for (int k = 0; k < 2000 && !(gb >= 0 && Double.isFinite(gb)); k++) {
            double mid = a + (b - a) / 2;
            if (mid <= a || mid >= b) {
                break;
            }
            double gm = g.applyAsDouble(mid);
            if (gm < 0) {
                a = mid;
                ga = gm;
            } else {
                b = mid;
                gb = gm;
            }
        }
        return gb >= 0 ? brent(g, a, ga, b, gb) : a;
    }

    /** Brent's method on [a, b] with g(a) &lt; 0 ≤ g(b); infinite g(b) is treated by bisection. */
    static double brent(DoubleUnaryOperator g, double a, double fa, double b, double fb) {
        if (fb == 0) {
            return b;
        }
        double c = a;
        double fc = fa;
        double d = b - a;
        double e = d;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            if (Math.signum(fb) == Math.signum(fc)) {
                c = a;
                fc = fa;
                d = b - a;
                e = d;
            }
            if (Math.abs(fc) < Math.abs(fb)) {
                a = b;
                b = c;
                c = a;
                fa = fb;
                fb = fc;
                fc = fa;
            }
            double tol = 0.5 * RELATIVE_TOLERANCE * Math.abs(b) + Double.MIN_NORMAL;
            double m = 0.5 * (c - b);
            if (Math.abs(m) <= tol || fb == 0) {
                return b;
            }
            boolean finite = Double.isFinite(fa) && Double.isFinite(fb) && Double.isFinite(fc);
            if (finite && Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
                double s = fb / fa;
                double p;
                double q;
                if (a == c) { // secant
                    p = 2 * m * s;
                    q = 1 - s;
                } else { // inverse quadratic interpolation
                    double qa = fa / fc;
                    double r = fb / fc;
                    p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
                    q = (qa - 1) * (r - 1) * (s - 1);
                }
                if (p > 0) {
                    q = -q;
                } else {
                    p = -p;
                }
                if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
                    e = d;
                    d = p / q;
                } else {
                    d = m;
                    e = m;
                }
            } else {
                d = m;
                e = m;
            }
            a = b;
            fa = fb;
            b += Math.abs(d) > tol ? d : Math.copySign(tol, m);
            fb = g.applyAsDouble(b);
        }
        return b;
    }
}
