package dev.zotuner.tuner.toy;

import dev.zotuner.tuner.objective.AnalyticObjective;
import dev.zotuner.models.ParameterStore;

/**
 * Full-batch gradient descent θ ← θ − η∇L(θ) with the exact gradient of an analytic objective: the
 * first-order baseline a zeroth-order run is compared with. The gradient is computed in double from
 * the float θ; each element of θ is rounded to float once per step. Updates the objective's store in
 * place; the caller keeps owning objective and store.
 */
public final class GradientDescent {

    private final AnalyticObjective objective;
    private final double lr;

    public GradientDescent(AnalyticObjective objective, double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("gradient descent: learning rate must be finite and > 0, got " + lr);
        }
        this.objective = objective;
        this.lr = lr;
    }

    /** One full-batch step; returns ‖∇L‖ at the θ it started from. */
    public double step() {
        double[] g = objective.gradient();
        ParameterStore theta = objective.parameters();
        double sq = 0;
        for (int i = 0; i < g.length; i++) {
            theta.set(i, (float) (theta.get(i) - lr * g[i]));
            sq += g[i] * g[i];
        }
        return Math.sqrt(sq);
    }
}
