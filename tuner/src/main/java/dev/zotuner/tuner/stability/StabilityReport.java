package dev.zotuner.tuner.stability;

/**
 * The answer for one learning rate: what was known, what follows, and the verdict.
 *
 * @param learningRate  η, as passed to the optimizer
 * @param dynamics      update rule, momentum/β1, directions
 * @param curvature     the curvature summary the bounds were computed from
 * @param criticalStep  exact η* (learning-rate units), NaN when only a summary was given
 * @param bounds        bounds on η* from {@code curvature}
 * @param secondOrder   S(η) for this η (NaN without tr H²); S ≥ 1 implies unstable
 * @param verdict       exact when {@code criticalStep} is known, else from the bounds
 */
public record StabilityReport(double learningRate, ZoDynamics dynamics, Curvature curvature,
                              double criticalStep, StabilityBounds bounds, double secondOrder,
                              Verdict verdict) {

    /** Whether η* was computed from a spectrum (else the verdict rests on the bounds). */
    public boolean exact() {
        return !Double.isNaN(criticalStep);
    }

    /** η/η* (NaN when η* is unknown): below 1 is stable. */
    public double ratio() {
        return learningRate / criticalStep;
    }
}
