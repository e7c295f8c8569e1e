package dev.zotuner.tuner.stability;

/**
 * What is known about the Hessian (or Ĥ for Adam) without its full spectrum, as estimated forward-only during a
 * run (Hutchinson trace and tr H², a Rayleigh–Ritz λmax). NaN means unknown.
 *
 * <p>H need not be positive semi-definite: at pre-trained weights the few-shot Hessian is indefinite (on the
 * default model an exact reference gives λmax ≈ 440 &gt; Tr H ≈ 250 and λmin ≈ −144). So nothing here assumes
 * λmax ≤ Tr H or tr H² ≤ λmax·Tr H. What holds for every symmetric H is |λ|max ≤ ‖H‖_F = √tr H²; forward passes
 * estimate tr H² (the variance of Gaussian probes, Var zᵀHz = 2 tr H²) but give no useful λmax: a Rayleigh quotient
 * in a few directions is only a LOWER bound ({@code lambdaMaxIsLowerBound}), and a forward-only Hessian-vector
 * product needs about d probes for one vector. H counts as PSD only when {@code lambdaMin} ≥ 0 is known.
 *
 * @param trace                 Tr H &gt; 0
 * @param traceSe               standard error of the trace estimate (≥ 0), or NaN when exact/unknown
 * @param lambdaMax             λmax(H) (or a lower bound on it), or NaN
 * @param traceSq               tr H² ≥ 0, or NaN
 * @param lambdaMaxIsLowerBound whether {@code lambdaMax} is only a lower bound on λmax
 * @param traceSqSe             standard error of {@code traceSq}, or NaN when exact/unknown
 * @param lambdaMin             λmin(H), possibly negative, or NaN when unknown
 */
public record Curvature(double trace, double traceSe, double lambdaMax, double traceSq,
                        boolean lambdaMaxIsLowerBound, double traceSqSe, double lambdaMin) {

    /** Bounds use estimate ± Z·se (≈ 95 %). */
    public static final double Z = 2.0;

    public Curvature {
        if (!Double.isFinite(trace) || !(trace > 0)) {
            throw new IllegalArgumentException("trace must be finite and > 0, got " + trace);
        }
        requireSe("trace standard error", traceSe);
        requireSe("trace of H^2 standard error", traceSqSe);
        if (!Double.isNaN(lambdaMax) && !(lambdaMax > 0 && Double.isFinite(lambdaMax))) {
            throw new IllegalArgumentException("lambda-max must be finite and > 0, got " + lambdaMax);
        }
        if (!Double.isNaN(traceSq) && !(traceSq >= 0 && Double.isFinite(traceSq))) {
            throw new IllegalArgumentException("trace of H^2 must be finite and >= 0, got " + traceSq);
        }
        if (!Double.isNaN(lambdaMin) && !Double.isFinite(lambdaMin)) {
            throw new IllegalArgumentException("lambda-min must be finite, got " + lambdaMin);
        }
        if (!Double.isNaN(lambdaMin) && !Double.isNaN(lambdaMax) && !lambdaMaxIsLowerBound && lambdaMin > lambdaMax) {
            throw new IllegalArgumentException("lambda-min " + lambdaMin + " exceeds lambda-max " + lambdaMax);
        }
    }

    private static void requireSe(String what, double se) {
        if (!Double.isNaN(se) && !(se >= 0 && Double.isFinite(se))) {
            throw new IllegalArgumentException(what + " must be >= 0, got " + se);
        }
    }

    /** A summary with a possibly-lower-bound λmax; tr H²'s error and λmin unknown. */
    public Curvature(double trace, double traceSe, double lambdaMax, double traceSq, boolean lambdaMaxIsLowerBound) {
        this(trace, traceSe, lambdaMax, traceSq, lambdaMaxIsLowerBound, Double.NaN, Double.NaN);
    }

    /** A summary whose λmax (if given) is exact; tr H²'s error and λmin unknown. */
    public Curvature(double trace, double traceSe, double lambdaMax, double traceSq) {
        this(trace, traceSe, lambdaMax, traceSq, false);
    }

    /** Only the trace is known. */
    public static Curvature ofTrace(double trace) {
        return new Curvature(trace, Double.NaN, Double.NaN, Double.NaN);
    }

    /** Exact trace, λmax, tr H² and λmin of a spectrum (indefinite or not). */
    public static Curvature of(Spectrum s) {
        return new Curvature(s.trace(), Double.NaN, s.lambdaMax(), s.traceSquared(), false, Double.NaN, s.lambdaMin());
    }

    /** This summary with λmin known (e.g. 0 when H is known to be positive semi-definite). */
    public Curvature withLambdaMin(double min) {
        return new Curvature(trace, traceSe, lambdaMax, traceSq, lambdaMaxIsLowerBound, traceSqSe, min);
    }

    /** This summary with the standard error of tr H². */
    public Curvature withTraceSqSe(double se) {
        return new Curvature(trace, traceSe, lambdaMax, traceSq, lambdaMaxIsLowerBound, se, lambdaMin);
    }

    public boolean hasLambdaMax() {
        return !Double.isNaN(lambdaMax);
    }

    public boolean hasTraceSq() {
        return !Double.isNaN(traceSq);
    }

    /** Whether H is known to be positive semi-definite (λmin ≥ 0 known). */
    public boolean psd() {
        return lambdaMin >= 0;
    }

    /** Whether H is known to have negative curvature (λmin &lt; 0). */
    public boolean indefinite() {
        return lambdaMin < 0;
    }

    /** Upper end of the trace interval (the trace itself when its error is unknown). */
    public double traceHigh() {
        return Double.isNaN(traceSe) ? trace : trace + Z * traceSe;
    }

    /** Lower end of the trace interval, and for PSD H never below λmax (Tr H ≥ λmax needs PSD); may be 0. */
    public double traceLow() {
        double low = Double.isNaN(traceSe) ? trace : Math.max(0, trace - Z * traceSe);
        return psd() && hasLambdaMax() ? Math.max(low, lambdaMax) : low;
    }

    /** Upper end of the tr H² interval, or NaN. */
    public double traceSqHigh() {
        return Double.isNaN(traceSqSe) ? traceSq : traceSq + Z * traceSqSe;
    }

    /** Lower end of the tr H² interval (≥ 0), or NaN. */
    public double traceSqLow() {
        return Double.isNaN(traceSqSe) ? traceSq : Math.max(0, traceSq - Z * traceSqSe);
    }

    /**
     * An upper bound on |λ|max, with no PSD assumption: max(λmax, −λmin) when both are exact, else √(upper end of
     * tr H²); for PSD H also Tr H (upper end). +∞ when nothing bounds it.
     */
    public double absLambdaMaxUpper() {
        double bound = Double.POSITIVE_INFINITY;
        if (hasLambdaMax() && !lambdaMaxIsLowerBound && !Double.isNaN(lambdaMin)) {
            bound = Math.max(lambdaMax, -lambdaMin);
        }
        if (hasTraceSq()) {
            bound = Math.min(bound, Math.sqrt(traceSqHigh()));
        }
        if (psd()) {
            bound = Math.min(bound, hasLambdaMax() && !lambdaMaxIsLowerBound ? lambdaMax : traceHigh());
        }
        return bound;
    }

    /** An upper bound on λmax: the exact value if known, else {@link #absLambdaMaxUpper()}. */
    public double lambdaMaxUpper() {
        return hasLambdaMax() && !lambdaMaxIsLowerBound ? lambdaMax : absLambdaMaxUpper();
    }
}
