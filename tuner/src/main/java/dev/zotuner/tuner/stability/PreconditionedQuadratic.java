package dev.zotuner.tuner.stability;

import dev.zotuner.tuner.linalg.RootFinder;
import dev.zotuner.tuner.linalg.SymmetricEigen;
/**
 * Frozen ZO-Adam on L = ½θᵀHθ when the diagonal preconditioner P does not commute with H.
 *
 * <p>The directions stay isotropic (z ~ N(0, I), as in MeZO-Adam) while the step is P⁻¹m, so in
 * φ = P^{1/2}θ the noise is Tr(ĤPĤΦ) P⁻¹ rather than Tr(Ĥ²Φ) I: the trace feedback no longer
 * closes on the diagonal of Ĥ's eigenbasis. It closes on all pairs (i, j) instead, weighted by
 * W = P̃ ∘ P̃⁻¹ (Hadamard product, P̃ = UᵀPU, U the eigenvectors of Ĥ = P^{-1/2}HP^{-1/2}):
 * G(η) = Σᵢⱼ Wᵢⱼ · {@link ZoDynamics#pairTerm}(η_e λ̂ᵢ, η_e λ̂ⱼ). When PH = HP, W = I and this is
 * {@link StabilityCalculator#feedback}. Rows of W sum to 1 and Wᵢᵢ ≥ 1 (Fiedler), so off-diagonal
 * weights are mostly negative and η* falls below the commuting formula — below the bound
 * 2/(Tr Ĥ + 2λmax(Ĥ)/(1 + β1)) of the frozen-Adam analyses in many cases (see the theory doc, §5).
 *
 * @param lambdaHat eigenvalues of Ĥ (≥ 0)
 * @param weights   W, symmetric
 */
public record PreconditionedQuadratic(double[] lambdaHat, double[][] weights) {

    private static final int SCAN = 256;

    public PreconditionedQuadratic {
        lambdaHat = lambdaHat.clone();
        double[][] w = new double[weights.length][];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights[i].clone();
        }
        weights = w;
    }

    /** Builds Ĥ = P^{-1/2} H P^{-1/2}, its eigen-decomposition and W from H and diag(P). */
    public static PreconditionedQuadratic of(double[][] hessian, double[] p) {
        int d = p.length;
        if (hessian.length != d) {
            throw new IllegalArgumentException("Hessian is " + hessian.length + "x" + hessian.length
                    + " but the preconditioner has " + d + " entries");
        }
        double[] s = new double[d];
        for (int i = 0; i < d; i++) {
            if (!(p[i] > 0) || !Double.isFinite(p[i])) {
                throw new IllegalArgumentException("preconditioner entry #" + (i + 1) + " is " + p[i]
                        + "; it must be finite and > 0");
            }
            s[i] = Math.sqrt(p[i]);
        }
        double[][] hHat = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                hHat[i][j] = hessian[i][j] / (s[i] * s[j]);
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(hHat);
        double[] lambda = eig.values();
        double[][] u = eig.vectors();
        double top = 0;
        for (double l : lambda) {
            top = Math.max(top, Math.abs(l));
        }
        for (int k = 0; k < d; k++) {
            if (lambda[k] < -1e-10 * top) {
                throw new IllegalArgumentException("H is not positive semi-definite (eigenvalue "
                        + lambda[k] + " of P^-1/2 H P^-1/2)");
            }
            lambda[k] = Math.max(0, lambda[k]);
        }
        double[][] w = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double pt = 0;
                double pinv = 0;
                for (int k = 0; k < d; k++) {
                    double uu = u[k][i] * u[k][j];
                    pt += uu * p[k];
                    pinv += uu / p[k];
                }
                w[i][j] = pt * pinv;
            }
        }
        return new PreconditionedQuadratic(lambda, w);
    }

    /** The spectrum of Ĥ, for bounds and the commuting approximation. */
    public Spectrum spectrum() {
        return new Spectrum(lambdaHat);
    }

    /** G(η) with the pair weights; +∞ once the stiffest direction alone is unstable. */
    public double feedback(ZoDynamics dynamics, double lr) {
        double step = dynamics.effectiveStep(lr);
        if (dynamics.curvatureCap() * step * lambdaMax() >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        double sum = 0;
        for (int i = 0; i < lambdaHat.length; i++) {
            for (int j = 0; j < lambdaHat.length; j++) {
                sum += weights[i][j] * dynamics.pairTerm(step * lambdaHat[i], step * lambdaHat[j]);
            }
        }
        return sum;
    }

    /**
     * Exact η*: the first root of G(η) = 1 below the cap (G need not be monotone here, so the
     * interval is scanned before Brent's method refines the first sign change).
     */
    public double criticalStep(ZoDynamics dynamics) {
        double capLr = dynamics.learningRate(1 / (dynamics.curvatureCap() * lambdaMax()));
        return RootFinder.firstRoot(lr -> feedback(dynamics, lr) - 1, 0, capLr, SCAN);
    }

    private double lambdaMax() {
        double top = 0;
        for (double l : lambdaHat) {
            top = Math.max(top, l);
        }
        return top;
    }

    @Override
    public double[] lambdaHat() {
        return lambdaHat.clone();
    }

    @Override
    public double[][] weights() {
        double[][] w = new double[weights.length][];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights[i].clone();
        }
        return w;
    }
}
