package dev.zotuner.tuner.stability;

/**
 * Learning-rate bounds on the mean-square critical step η*, from a {@link Curvature} summary.
 *
 * @param lower       sufficient: every η &lt; lower is stable (for Adam: if P commutes with H); NaN when none is
 *                    known: H may be (or is) indefinite, and along negative curvature no η is mean-square stable
 * @param upper       necessary: every η ≥ upper is unstable; +∞ when nothing bounds it
 * @param secondOrder η_S, root of the second-order estimate S(η) = 1 (NaN without tr H²); it
 *                    over-estimates η* by a relative O((η* λmax)²) and with the point trace it is
 *                    also a rigorous upper bound
 */
public record StabilityBounds(double lower, double upper, double secondOrder) {

    public StabilityBounds {
        if (!Double.isNaN(lower) && (!(lower > 0) || !(upper >= lower))) {
            throw new IllegalArgumentException("bounds out of order: lower " + lower + ", upper " + upper);
        }
    }

    /** Verdict from the bounds alone. */
    public Verdict verdict(double lr) {
        if (hasLower() && lr < lower) {
            return Verdict.STABLE;
        }
        return lr >= upper ? Verdict.UNSTABLE : Verdict.UNDETERMINED;
    }

    /** Whether a sufficient bound is known (H known to be positive semi-definite). */
    public boolean hasLower() {
        return !Double.isNaN(lower);
    }

    /** Whether a known η* lies inside [lower, upper] (up to rounding). */
    public boolean brackets(double criticalStep) {
        double slack = 1e-12 * criticalStep;
        return (!hasLower() || lower <= criticalStep + slack) && criticalStep <= upper + slack;
    }
}
