package dev.zotuner.tuner.curvature;

import dev.zotuner.models.Parameter;
import dev.zotuner.tuner.objective.Objective;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import dev.zotuner.tuner.linalg.SymmetricEigen;
import java.util.Arrays;
import java.util.List;

/**
 * A forward-only LOWER BOUND on λmax(H) by the Rayleigh–Ritz procedure (Parlett, <i>The Symmetric
 * Eigenvalue Problem</i>, 1998, ch. 11) in the span of a few caller-supplied directions, e.g. the
 * perturbations of recent ZO steps (their seeds) or a momentum buffer.
 *
 * <p>The directions are orthonormalised ({@link OrthonormalBasis}, b₁ … b_m), the projected matrix
 * Aᵢⱼ = bᵢᵀHbⱼ is built from second differences along the stored vectors —
 * Aᵢᵢ = q(bᵢ), Aᵢⱼ = [q(bᵢ + bⱼ) − q(bᵢ) − q(bⱼ)]/2 (polarisation; q(u) is normalised by the
 * step only, so uᵀHu keeps the norm of u) — and the largest eigenvalue of the generalized problem
 * A c = μ G c, G the Gram matrix of the stored float vectors, is returned. Every μ is a Rayleigh
 * quotient of H, hence μmax ≤ λmax, with equality when the span contains a top eigenvector.
 *
 * <p>A unit basis vector is perturbed by h√n (n selected coordinates), the length of a Hutchinson
 * probe h·v, so both see the loss at the same scale. Cost: m(m + 1) + 1 forward passes. With a
 * preconditioner the probes are P^{-1/2}u and the bound is on λmax(P⁻¹H).
 */
public final class RayleighRitz {

    /**
     * @param h       finite-difference step per unit of √n; default {@link HutchinsonOptions#DEFAULT_H}
     * @param tensors tensors to perturb; empty = the whole store
     */
    public record Options(double h, List<Parameter> tensors) {
        public Options {
            if (!(((float) h) > 0) || Double.isInfinite(h)) {
                throw new IllegalArgumentException("finite-difference step h must be a positive float, got " + h);
            }
            tensors = List.copyOf(tensors);
        }

        public static Options defaults() {
            return new Options(HutchinsonOptions.DEFAULT_H, List.of());
        }
    }

    private final PerturbationEngine engine;

    /** @param engine regenerates seeded directions; owned by the caller */
    public RayleighRitz(PerturbationEngine engine) {
        this.engine = engine;
    }

    /**
     * The largest Ritz value of H (or Ĥ) in span(directions) over the mean loss on {@code examples}.
     *
     * @param preconditioner null for H itself
     */
    public RitzEstimate estimate(Objective objective, int[] examples, List<Direction> directions,
                                 Preconditioner preconditioner, Options options) {
        if (directions.isEmpty()) {
            throw new IllegalArgumentException("Rayleigh-Ritz needs at least one direction");
        }
        Coordinates coordinates = Coordinates.of(objective.parameters(), options.tensors());
        if (preconditioner != null) {
            preconditioner.validate(objective.parameters(), coordinates.tensors());
        }
        OrthonormalBasis basis = OrthonormalBasis.of(directions, coordinates, engine);
        int m = basis.dimension();
        if (m == 0) {
            throw new IllegalArgumentException("Rayleigh-Ritz: all " + directions.size() + " directions are zero");
        }
        float t = (float) (options.h() * Math.sqrt(coordinates.size()));
        double[][] a = new double[m][m];
        long forwards;
        try (SecondDifference q = new SecondDifference(engine, objective, examples, coordinates)) {
            float[][] b = basis.vectors();
            for (int i = 0; i < m; i++) {
                a[i][i] = q.alongCombination(b, unit(m, i, -1), t, preconditioner);
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < i; j++) {
                    double sum = q.alongCombination(b, unit(m, i, j), t, preconditioner);
                    a[i][j] = (sum - a[i][i] - a[j][j]) / 2;
                    a[j][i] = a[i][j];
                }
            }
            forwards = q.forwards();
        }
        double[] mu = generalizedEigenvalues(a, basis.gram());
        return new RitzEstimate(mu[0], mu, m, basis.dropped(), forwards, t, preconditioner != null);
    }

    /** Coefficients eᵢ (+ eⱼ when j ≥ 0). */
    private static double[] unit(int m, int i, int j) {
        double[] c = new double[m];
        c[i] = 1;
        if (j >= 0) {
            c[j] = 1;
        }
        return c;
    }

    /** Eigenvalues of A c = μ G c, descending, via G = LLᵀ and L⁻¹AL⁻ᵀ (G symmetric positive definite). */
    static double[] generalizedEigenvalues(double[][] a, double[][] g) {
        int m = a.length;
        double[][] l = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = g[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException("Rayleigh-Ritz: Gram matrix is not positive definite");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        double[][] x = new double[m][];   // X = L⁻¹A (forward substitution, column by column)
        for (int i = 0; i < m; i++) {
            x[i] = a[i].clone();
            for (int k = 0; k < i; k++) {
                for (int c = 0; c < m; c++) {
                    x[i][c] -= l[i][k] * x[k][c];
                }
            }
            for (int c = 0; c < m; c++) {
                x[i][c] /= l[i][i];
            }
        }
        double[][] y = new double[m][m];  // Y = X L⁻ᵀ = (L⁻¹ Xᵀ)ᵀ
        for (int r = 0; r < m; r++) {
            for (int i = 0; i < m; i++) {
                double s = x[r][i];
                for (int k = 0; k < i; k++) {
                    s -= l[i][k] * y[r][k];
                }
                y[r][i] = s / l[i][i];
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < i; j++) {
                double avg = 0.5 * (y[i][j] + y[j][i]);
                y[i][j] = avg;
                y[j][i] = avg;
            }
        }
        double[] mu = SymmetricEigen.of(y).values();
        Arrays.sort(mu);
        for (int i = 0; i < m / 2; i++) {
            double tmp = mu[i];
            mu[i] = mu[m - 1 - i];
            mu[m - 1 - i] = tmp;
        }
        return mu;
    }
}
