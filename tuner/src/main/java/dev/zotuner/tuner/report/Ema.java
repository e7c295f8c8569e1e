package dev.zotuner.tuner.report;

/**
 * Exponential moving average for smoothing noisy per-step losses:
 * {@code s₀ = y₀, sₜ = (1 − α) sₜ₋₁ + α yₜ}. Non-finite inputs are skipped (the output is NaN there
 * and the average carries on from the last finite value), so one diverged step does not poison the
 * rest of the curve.
 */
final class Ema {

    private Ema() {
    }

    /**
     * The smoothing factor for a curve of {@code n} points: {@code α = 2/(span + 1)} with a span of
     * {@code n/20} points, clamped to [1, 100] (no smoothing for tiny runs, at most a 100-step
     * window for long ones).
     */
    static double alphaFor(int n) {
        int span = Math.max(1, Math.min(100, n / 20));
        return 2.0 / (span + 1);
    }

    /** The smoothed copy of {@code y}; {@code alpha} in (0, 1]. */
    static double[] smooth(double[] y, double alpha) {
        if (!(alpha > 0.0 && alpha <= 1.0)) {
            throw new IllegalArgumentException("EMA factor must be in (0, 1], got " + alpha);
        }
        double[] s = new double[y.length];
        double state = Double.NaN;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                s[i] = Double.NaN;
                continue;
            }
            state = Double.isNaN(state) ? y[i] : (1.0 - alpha) * state + alpha * y[i];
            s[i] = state;
        }
        return s;
    }
}
