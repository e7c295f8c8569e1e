package dev.zotuner.tuner.stability;

/**
 * What is known about the Hessian (or Ĥ for Adam) without its full spectrum, as estimated
 * forward-only during a run (Hutchinson trace, Rayleigh–Ritz λmax, tr H²). NaN means unknown.
 *
 * <p>A forward-only λmax (Rayleigh–Ritz in a subspace, power iteration) is a Rayleigh quotient and
 * so only a LOWER bound on λmax; with {@code lambdaMaxIsLowerBound} it is used only where a lower
 * bound is valid (the necessary upper bound on η*), never in the sufficient lower bound.
 *
 * @param trace                  Tr H &gt; 0
 * @param traceSe                standard error of the trace estimate (≥ 0), or NaN when exact/unknown
 * @param lambdaMax              λmax(H) &gt; 0 (or a lower bound on it), or NaN
 * @param traceSq                tr H² ≥ 0, or NaN
 * @param lambdaMaxIsLowerBound  whether {@code lambdaMax} is only a lower bound on λmax
 */
public record Curvature(double trace, double traceSe, double lambdaMax, double traceSq,
                        boolean lambdaMaxIsLowerBound) {

    /** Bounds use the trace interval Tr ± Z·se (≈ 95 %). */
    public static final double Z = 2.0;

    public Curvature {
        if (!Double.isFinite(trace) || !(trace > 0)) {
            throw new IllegalArgumentException("trace must be finite and > 0, got " + trace);
        }
        if (!Double.isNaN(traceSe) && !(traceSe >= 0 && Double.isFinite(traceSe))) {
            throw new IllegalArgumentException("trace standard error must be >= 0, got " + traceSe);
        }
        if (!Double.isNaN(lambdaMax) && !(lambdaMax > 0 && Double.isFinite(lambdaMax))) {
            throw new IllegalArgumentException("lambda-max must be finite and > 0, got " + lambdaMax);
        }
        if (!Double.isNaN(traceSq) && !(traceSq >= 0 && Double.isFinite(traceSq))) {
            throw new IllegalArgumentException("trace of H^2 must be finite and >= 0, got " + traceSq);
        }
        double traceHigh = trace + (Double.isNaN(traceSe) ? 0 : Z * traceSe);
        if (lambdaMax > traceHigh * (1 + 1e-12)) {
            throw new IllegalArgumentException("lambda-max " + lambdaMax + " exceeds trace " + trace
                    + " (for PSD H, lambda-max <= Tr H)");
        }
    }

    /** A summary whose λmax (if given) is exact. */
    public Curvature(double trace, double traceSe, double lambdaMax, double traceSq) {
        this(trace, traceSe, lambdaMax, traceSq, false);
    }

    /** Only the trace is known. */
    public static Curvature ofTrace(double trace) {
        return new Curvature(trace, Double.NaN, Double.NaN, Double.NaN);
    }

    /** Exact trace, λmax and tr H² of a spectrum. */
    public static Curvature of(Spectrum s) {
        return new Curvature(s.trace(), Double.NaN, s.lambdaMax(), s.traceSquared());
    }

    public boolean hasLambdaMax() {
        return !Double.isNaN(lambdaMax);
    }

    public boolean hasTraceSq() {
        return !Double.isNaN(traceSq);
    }

    /** Upper end of the trace interval (the trace itself when its error is unknown). */
    public double traceHigh() {
        return Double.isNaN(traceSe) ? trace : trace + Z * traceSe;
    }

    /** Lower end of the trace interval, never below λmax (or its lower bound); may be 0. */
    public double traceLow() {
        double low = Double.isNaN(traceSe) ? trace : Math.max(0, trace - Z * traceSe);
        return hasLambdaMax() ? Math.max(low, lambdaMax) : low;
    }

    /** An upper bound on λmax: λmax itself (if exact), else √(tr H²), else Tr H (PSD H). */
    public double lambdaMaxUpper() {
        if (hasLambdaMax() && !lambdaMaxIsLowerBound) {
            return lambdaMax;
        }
        double high = traceHigh();
        return hasTraceSq() ? Math.min(high, Math.sqrt(traceSq)) : high;
    }
}
