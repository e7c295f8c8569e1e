package dev.zotuner.tuner.stability;

import java.util.SplittableRandom;

/** Test fixtures: seeded random spectra, rotated Hessians with known eigenvalues, preconditioners. */
public final class RandomQuadratics {

    private RandomQuadratics() {
    }

    /** d eigenvalues log-uniform over four decades (a few exactly zero when {@code zeros}). */
    public static double[] spectrum(SplittableRandom rng, int d, boolean zeros) {
        double[] l = new double[d];
        for (int i = 0; i < d; i++) {
            l[i] = Math.pow(10, rng.nextDouble(-2, 2));
        }
        if (zeros && d > 2) {
            l[rng.nextInt(d)] = 0;
        }
        return l;
    }

    /** H = Q diag(λ) Qᵀ with Q a random orthogonal matrix (Gram–Schmidt on a Gaussian matrix). */
    public static double[][] rotated(SplittableRandom rng, double[] lambda) {
        int d = lambda.length;
        double[][] q = new double[d][d]; // rows are orthonormal vectors
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                q[i][k] = rng.nextGaussian();
            }
            for (int j = 0; j < i; j++) {
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += q[i][k] * q[j][k];
                }
                for (int k = 0; k < d; k++) {
                    q[i][k] -= dot * q[j][k];
                }
            }
            double norm = 0;
            for (int k = 0; k < d; k++) {
                norm += q[i][k] * q[i][k];
            }
            for (int k = 0; k < d; k++) {
                q[i][k] /= Math.sqrt(norm);
            }
        }
        double[][] h = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    s += q[i][a] * lambda[i] * q[i][b];
                }
                h[a][b] = s;
            }
        }
        return h;
    }

    /** Diagonal of an Adam-like preconditioner, spread over about 1.3 decades. */
    static double[] preconditioner(SplittableRandom rng, int d) {
        double[] p = new double[d];
        for (int i = 0; i < d; i++) {
            p[i] = Math.exp(rng.nextDouble(-1.5, 1.5));
        }
        return p;
    }

    static double[][] diagonal(double[] v) {
        double[][] h = new double[v.length][v.length];
        for (int i = 0; i < v.length; i++) {
            h[i][i] = v[i];
        }
        return h;
    }
}
