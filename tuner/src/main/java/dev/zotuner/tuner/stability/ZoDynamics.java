package dev.zotuner.tuner.stability;

/**
 * One ZO update rule with its hyper-parameters, reduced to the heavy-ball form whose second
 * moments are analysed in {@code docs/stability-theory.md}.
 *
 * <p>With n Gaussian directions z_k ~ N(0, I) the estimate is ĝ = (1/n) Σ_k (z_kᵀ∇L) z_k (MeZO's
 * n-SPSA, averaged). On L = ½θᵀHθ, in H's eigenbasis, every update here is heavy-ball
 * θ' = θ − η_e ĝ + β(θ − θ_prev) with effective step η_e = {@link #effectiveStep}(η): η for GD and
 * GDM, η(1 − β1) for Adam (EMA convention) acting on Ĥ = P^{-1/2} H P^{-1/2}. Mean-square
 * stability is Σᵢ f(η_e λᵢ) &lt; 1 with f from {@link #directionTerm}.
 *
 * @param update     the rule
 * @param beta       heavy-ball momentum β (GDM) or β1 (Adam); 0 for GD; in [0, 1)
 * @param directions number n ≥ 1 of averaged directions per step
 */
public record ZoDynamics(ZoUpdate update, double beta, int directions) {

    public ZoDynamics {
        if (update == null) {
            throw new IllegalArgumentException("optimizer must be given");
        }
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("momentum/beta1 must be in [0, 1), got " + beta);
        }
        if (update == ZoUpdate.GD && beta != 0) {
            throw new IllegalArgumentException("gd has no momentum, got " + beta + " (use gdm)");
        }
        if (directions < 1) {
            throw new IllegalArgumentException("directions must be >= 1, got " + directions);
        }
    }

    /** ZO-SGD with n directions. */
    public static ZoDynamics gd(int directions) {
        return new ZoDynamics(ZoUpdate.GD, 0, directions);
    }

    /** ZO-SGD with heavy-ball momentum β (m-buffer form, dampening 0). */
    public static ZoDynamics gdm(double beta, int directions) {
        return new ZoDynamics(ZoUpdate.GDM, beta, directions);
    }

    /** ZO-Adam with frozen preconditioner and first-moment EMA β1. */
    public static ZoDynamics adam(double beta1, int directions) {
        return new ZoDynamics(ZoUpdate.ADAM, beta1, directions);
    }

    /** η_e: the heavy-ball step equivalent to learning rate η (η(1 − β1) for Adam's EMA). */
    public double effectiveStep(double lr) {
        return update == ZoUpdate.ADAM ? lr * (1 - beta) : lr;
    }

    /** Inverse of {@link #effectiveStep}. */
    public double learningRate(double effectiveStep) {
        return update == ZoUpdate.ADAM ? effectiveStep / (1 - beta) : effectiveStep;
    }

    /** a = 1/(2n(1 − β)): the first-order coefficient, f(x) = a x + O(x²). */
    public double firstOrder() {
        return 1.0 / (2.0 * directions * (1 - beta));
    }

    /** κ = (n(1 − β) + 1 + β)/(2n(1 − β²)): f(x) = a x/(1 − κ x); stability needs κ η_e λmax &lt; 1. */
    public double curvatureCap() {
        int n = directions;
        return (n * (1 - beta) + 1 + beta) / (2.0 * n * (1 - beta * beta));
    }

    /**
     * f(x), x = η_e λ: the share of the trace-term feedback one eigen-direction returns; +∞ at and
     * beyond the cap x ≥ 1/κ where that direction alone is mean-square unstable.
     */
    public double directionTerm(double x) {
        double rest = 1 - curvatureCap() * x;
        return rest > 0 ? firstOrder() * x / rest : Double.POSITIVE_INFINITY;
    }

    /**
     * The pair term (x_i x_j / n) h_ij for eigen-directions i, j of Ĥ, where h_ij is the stationary
     * (θ_i θ_j) response of the 4-state cross-moment block to unit forcing (see the theory doc,
     * §4); equals {@link #directionTerm} for x_i = x_j. Written without cancellation for small x.
     */
    public double pairTerm(double xi, double xj) {
        if (xi == 0 || xj == 0) {
            return 0;
        }
        double b = beta;
        double n = directions;
        double den = (1 - b) * (1 - b) * ((1 + b) * (xi + xj) - xi * xj)
                + b * (xi - xj) * (xi - xj) - (1 - b * b) * xi * xj / n;
        return den > 0 ? xi * xj * (1 - b * b) / (n * den) : Double.POSITIVE_INFINITY;
    }
}
