package dev.zotuner.tuner.stability;

/**
 * Test oracle, independent of the eigenbasis derivation: the dense matrix M acting on vec(E[x xᵀ])
 * for the full state x = θ (β = 0) or x = (θ_t, θ_{t−1}) (β &gt; 0) of
 * x' = A(z) x, A(z) = [[(1+β)I − η P⁻¹ Ẑ H, −βI], [I, 0]], Ẑ = (1/n) Σ_k z_k z_kᵀ, z_k ~ N(0, I).
 * E over z is taken analytically with the Gaussian fourth-moment (Isserlis) identity
 * E[z zᵀ T z zᵀ] = T + Tᵀ + Tr(T) I, which gives E[(Ẑ − I) T (Ẑ − I)] = (Tᵀ + Tr(T) I)/n.
 * M is a completely positive map, so its spectral radius is the Perron root, and
 * ρ(M) &lt; 1 ⇔ the solution X of X − M(X) = I is positive definite (Lyapunov certificate).
 */
final class SecondMomentOperator {

    private final int dim;      // D: state dimension
    private final double[][] m; // D² × D², column-major vec: index i*D + j ↔ X_ij

    /**
     * @param h    symmetric d×d Hessian
     * @param p    diagonal of P (null for P = I)
     * @param beta heavy-ball β (0 gives the θ-only state)
     * @param n    directions
     * @param step effective step η_e
     */
    SecondMomentOperator(double[][] h, double[] p, double beta, int n, double step) {
        int d = h.length;
        dim = beta == 0 ? d : 2 * d;
        double[] pinv = new double[d];
        for (int i = 0; i < d; i++) {
            pinv[i] = p == null ? 1 : 1 / p[i];
        }
        double[][] abar = new double[dim][dim];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                abar[i][j] = (i == j ? 1 + beta : 0) - step * pinv[i] * h[i][j];
            }
            if (beta != 0) {
                abar[i][d + i] = -beta;
                abar[d + i][i] = 1;
            }
        }
        int size = dim * dim;
        m = new double[size][size];
        for (int k = 0; k < dim; k++) {
            for (int l = 0; l < dim; l++) {
                int col = k * dim + l; // input E = e_k e_lᵀ
                for (int i = 0; i < dim; i++) {
                    for (int j = 0; j < dim; j++) {
                        m[i * dim + j][col] += abar[i][k] * abar[j][l];
                    }
                }
                if (k < d && l < d) { // T = H E11 H = H[:,k] H[l,:]
                    double trace = 0;
                    for (int i = 0; i < d; i++) {
                        trace += h[i][k] * h[l][i];
                    }
                    for (int i = 0; i < d; i++) {
                        for (int j = 0; j < d; j++) {
                            double t = h[j][k] * h[l][i] + (i == j ? trace : 0); // Tᵀ_ij + Tr T δ_ij
                            m[i * dim + j][col] += step * step / n * pinv[i] * t * pinv[j];
                        }
                    }
                }
            }
        }
    }

    int stateDimension() {
        return dim;
    }

    /** M applied to vec(X). */
    double[] apply(double[] x) {
        double[] y = new double[x.length];
        for (int r = 0; r < y.length; r++) {
            double s = 0;
            double[] row = m[r];
            for (int c = 0; c < x.length; c++) {
                s += row[c] * x[c];
            }
            y[r] = s;
        }
        return y;
    }

    /** ρ(M) &lt; 1, decided exactly: X = (I − M)⁻¹ vec(I) is positive definite. */
    boolean meanSquareStable() {
        int size = dim * dim;
        double[][] a = new double[size][size];
        double[] rhs = new double[size];
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                a[r][c] = (r == c ? 1 : 0) - m[r][c];
            }
        }
        for (int i = 0; i < dim; i++) {
            rhs[i * dim + i] = 1;
        }
        double[] x = DenseSolve.solve(a, rhs);
        double[][] sym = new double[dim][dim];
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                sym[i][j] = 0.5 * (x[i * dim + j] + x[j * dim + i]);
            }
        }
        return DenseSolve.positiveDefinite(sym);
    }

    /** ρ(M) by power iteration from X = I: mean log growth of Tr over {@code steps} after burn-in. */
    double spectralRadius(int burnIn, int steps) {
        double[] x = new double[dim * dim];
        for (int i = 0; i < dim; i++) {
            x[i * dim + i] = 1;
        }
        double logGrowth = 0;
        for (int t = 0; t < burnIn + steps; t++) {
            x = apply(x);
            double tr = 0;
            for (int i = 0; i < dim; i++) {
                tr += x[i * dim + i];
            }
            if (t >= burnIn) {
                logGrowth += Math.log(tr);
            }
            for (int i = 0; i < x.length; i++) {
                x[i] /= tr;
            }
        }
        return Math.exp(logGrowth / steps);
    }
}
