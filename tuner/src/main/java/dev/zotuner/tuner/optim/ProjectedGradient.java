package dev.zotuner.tuner.optim;

/**
 * The two-point (SPSA) estimate along one random direction z (Spall 1992; MeZO, Malladi et al.
 * 2023): g = (L(θ+εz) − L(θ−εz)) / (2ε), the directional derivative ∇Lᵀz to O(ε²). The gradient
 * estimate is ĝ = g·z; z itself is never stored — it is regenerated from {@code seed}.
 *
 * @param seed      perturbation seed of z
 * @param g         projected gradient
 * @param lossPlus  L(θ+εz) on the step's mini-batch
 * @param lossMinus L(θ−εz) on the step's mini-batch
 */
public record ProjectedGradient(long seed, double g, double lossPlus, double lossMinus) {

    /** The estimate from the two losses; {@code eps} is the float ε actually added to θ. */
    public static ProjectedGradient of(long seed, double lossPlus, double lossMinus, float eps) {
        return new ProjectedGradient(seed, (lossPlus - lossMinus) / (2.0 * eps), lossPlus, lossMinus);
    }

    /** (L+ + L−)/2, the loss MeZO reports for the step. */
    public double loss() {
        return 0.5 * (lossPlus + lossMinus);
    }
}
