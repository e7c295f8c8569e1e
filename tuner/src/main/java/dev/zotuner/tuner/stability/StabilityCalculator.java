package dev.zotuner.tuner.stability;

import dev.zotuner.tuner.linalg.RootFinder;
/**
 * Mean-square critical step sizes of ZO-SGD, ZO-SGD with momentum and frozen ZO-Adam on a
 * quadratic L = ½θᵀHθ with n Gaussian directions (derivation: {@code docs/stability-theory.md}).
 *
 * <p>Exact: with x = η_e λ, the second moments stay bounded iff G(η) = Σᵢ f(η_e λᵢ) &lt; 1, where
 * f(x) = a x/(1 − κ x), a = 1/(2n(1 − β)), κ = (n(1 − β) + 1 + β)/(2n(1 − β²)) ({@link ZoDynamics}).
 * For GD, n = 1 this is Σ ηλ/(2(1 − ηλ)) &lt; 1, the condition of the MeZO/ZO-Bench stability
 * analyses; G is increasing, so η* is its unique root. Bounds from (Tr H, λmax, tr H²) follow from
 * a x ≤ f(x) ≤ a x/(1 − κ x_max) and are checked against η* in the tests.
 *
 * <p>All results are learning rates η (for Adam, η_e = η(1 − β1)). Stateless.
 */
public final class StabilityCalculator {

    private static final int SCAN = 16;

    private StabilityCalculator() {
    }

    /**
     * Exact η* from the spectrum of H (GD, GDM) or of Ĥ = P^{-1/2} H P^{-1/2} (Adam). 0 for an indefinite H: a
     * direction with λ &lt; 0 has second moment × (1 + 2η|λ| + 2η²λ²) per step, so it grows for every η &gt; 0.
     */
    public static double criticalStep(Spectrum spectrum, ZoDynamics dynamics) {
        if (spectrum.lambdaMin() < 0) {
            return 0;
        }
        double[] lambda = spectrum.eigenvalues();
        double cap = 1 / (dynamics.curvatureCap() * spectrum.lambdaMax());
        double x = RootFinder.firstRoot(e -> feedbackAtStep(lambda, dynamics, e) - 1, 0, cap, SCAN);
        return dynamics.learningRate(x);
    }

    /**
     * Exact η* for frozen Adam (or any rule) on a general symmetric H with a diagonal P that need
     * not commute with H; see {@link PreconditionedQuadratic}. Use p = 1 for GD/GDM on a matrix.
     */
    public static double criticalStep(double[][] hessian, double[] preconditioner, ZoDynamics dynamics) {
        return PreconditionedQuadratic.of(hessian, preconditioner).criticalStep(dynamics);
    }

    /**
     * G(η): the loop gain of the trace-term feedback; the second-moment operator has spectral
     * radius &lt; 1 iff G(η) &lt; 1 (and +∞ once one direction alone is unstable).
     */
    public static double feedback(Spectrum spectrum, ZoDynamics dynamics, double lr) {
        return feedbackAtStep(spectrum.eigenvalues(), dynamics, dynamics.effectiveStep(lr));
    }

    private static double feedbackAtStep(double[] lambda, ZoDynamics dynamics, double step) {
        double sum = 0;
        for (double l : lambda) {
            sum += dynamics.directionTerm(step * l);
        }
        return sum;
    }

    /**
     * Bounds on η* from a curvature summary. Lower (sufficient), only when H is known to be PSD (otherwise no η is
     * proven stable: along negative curvature none is): root of a η_e Tr + a κ η_e² T2/(1 − κ η_e λ) = 1 with
     * λ ≥ λmax, T2 ≥ tr H², Tr ≥ Tr H (λ ≤ Tr when only the trace is known: η &lt; 2/(3 Tr H) for GD). Upper
     * (necessary, for any H — an indefinite H is unstable at every η anyway): root of a η_e Tr + a κ η_e² T2 = 1
     * with Tr ≤ Tr H and T2 ≤ tr H² (so η &lt; 2n(1 − β)/Tr H), capped at 1/(κ λmax) when λmax (or a lower bound
     * on it) is known.
     */
    public static StabilityBounds bounds(Curvature c, ZoDynamics dynamics) {
        double a = dynamics.firstOrder();
        double kappa = dynamics.curvatureCap();
        double lowerStep = Double.NaN;
        if (c.psd()) {
            // lower: a x Tr/(...) with the quadratic written as A x² + B x − 1 = 0, A ≤ 0
            double trHigh = c.traceHigh();
            double lam = c.lambdaMaxUpper();
            double t2High = c.hasTraceSq() ? Math.min(c.traceSqHigh(), lam * trHigh) : lam * trHigh;
            double quad = a * kappa * (t2High - trHigh * lam);
            double lin = a * trHigh + kappa * lam;
            lowerStep = 2 / (lin + Math.sqrt(Math.max(0, lin * lin + 4 * quad)));
        }
        // upper: a x Tr + a κ x² T2 = 1 with the smallest Tr, T2 consistent with the summary (tr H² ≥ λmax² always)
        double trLow = c.traceLow();
        double t2Low = Math.max(c.hasTraceSq() ? c.traceSqLow() : 0, c.hasLambdaMax() ? c.lambdaMax() * c.lambdaMax() : 0);
        double upperStep = positiveRoot(a * kappa * t2Low, a * trLow);
        if (c.hasLambdaMax()) {
            upperStep = Math.min(upperStep, 1 / (kappa * c.lambdaMax()));
        }
        double secondOrder = c.hasTraceSq()
                ? dynamics.learningRate(positiveRoot(a * kappa * c.traceSq(), a * c.trace()))
                : Double.NaN;
        double lower = Double.isNaN(lowerStep) ? Double.NaN : dynamics.learningRate(lowerStep);
        double upper = Double.isNaN(lower) ? dynamics.learningRate(upperStep)
                : Math.max(lower, dynamics.learningRate(upperStep));
        return new StabilityBounds(lower, upper, secondOrder);
    }

    /**
     * The second-order estimate S(η) = a η_e Tr H + a κ η_e² tr H², i.e. G truncated after x²; for
     * GD, n = 1: (η/2)(Tr H + η tr H²). Since every Taylor coefficient of f is positive, S ≤ G:
     * S ≥ 1 proves instability, S &lt; 1 is only an estimate. NaN without tr H².
     */
    public static double secondOrder(Curvature c, ZoDynamics dynamics, double lr) {
        double x = dynamics.effectiveStep(lr);
        double a = dynamics.firstOrder();
        return a * x * c.trace() + a * dynamics.curvatureCap() * x * x * c.traceSq();
    }

    /** Verdict for η from the exact spectrum (of Ĥ for Adam), with the bounds for reference. */
    public static StabilityReport assess(double lr, ZoDynamics dynamics, Spectrum spectrum) {
        requireStep(lr);
        Curvature c = Curvature.of(spectrum);
        double critical = criticalStep(spectrum, dynamics);
        Verdict v = lr < critical ? Verdict.STABLE : Verdict.UNSTABLE;
        return new StabilityReport(lr, dynamics, c, critical, bounds(c, dynamics),
                secondOrder(c, dynamics, lr), v);
    }

    /**
     * Verdict for η from a curvature summary: stable (only below a sufficient bound, which needs H known PSD),
     * unstable (at or above the necessary bound, or at every η when λmin &lt; 0 is known), or undetermined.
     */
    public static StabilityReport assess(double lr, ZoDynamics dynamics, Curvature curvature) {
        requireStep(lr);
        StabilityBounds b = bounds(curvature, dynamics);
        Verdict v = curvature.indefinite() ? Verdict.UNSTABLE : b.verdict(lr);   // λ < 0 grows at every η
        return new StabilityReport(lr, dynamics, curvature, Double.NaN, b, secondOrder(curvature, dynamics, lr), v);
    }

    /** Positive root of q x² + l x = 1 (q, l ≥ 0), +∞ when both vanish. */
    private static double positiveRoot(double q, double l) {
        if (q == 0 && l == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return 2 / (l + Math.sqrt(l * l + 4 * q));
    }

    private static void requireStep(double lr) {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + lr);
        }
    }
}
