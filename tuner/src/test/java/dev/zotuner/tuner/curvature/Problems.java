package dev.zotuner.tuner.curvature;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.LogisticRegression;
import dev.zotuner.tuner.objective.Quadratic;
import java.util.SplittableRandom;

/** Test objectives with exactly known curvature. */
final class Problems {

    private Problems() {
    }

    /** A store of d values split into two tensors "a" (first half) and "b", so passes cross tensors. */
    static ParameterStore store(float[] theta) {
        int half = theta.length / 2;
        float[] a = java.util.Arrays.copyOfRange(theta, 0, half);
        float[] b = java.util.Arrays.copyOfRange(theta, half, theta.length);
        return ParameterStore.builder()
                .add("a", new long[] {a.length}, "a", true, a)
                .add("b", new long[] {b.length}, "b", true, b)
                .build();
    }

    static float[] gaussian(int d, double scale, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[d];
        for (int i = 0; i < d; i++) {
            x[i] = (float) (scale * r.nextGaussian());
        }
        return x;
    }

    static double[] doubles(float[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i];
        }
        return y;
    }

    /** Q diag(λ) Qᵀ with a seeded random orthogonal Q, exactly symmetric. */
    static double[][] rotated(double[] lambda, long seed) {
        int d = lambda.length;
        double[][] q = orthogonal(d, seed);
        double[][] h = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += q[i][k] * lambda[k] * q[j][k];
                }
                h[i][j] = s;
                h[j][i] = s;
            }
        }
        return h;
    }

    /** Columns of a seeded random orthogonal matrix (Gram–Schmidt of Gaussian columns). */
    static double[][] orthogonal(int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] cols = new double[d][d];
        for (int c = 0; c < d; c++) {
            double[] v = new double[d];
            for (int i = 0; i < d; i++) {
                v[i] = r.nextGaussian();
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < c; k++) {
                    double dot = 0;
                    for (int i = 0; i < d; i++) {
                        dot += cols[k][i] * v[i];
                    }
                    for (int i = 0; i < d; i++) {
                        v[i] -= dot * cols[k][i];
                    }
                }
            }
            double n = 0;
            for (double x : v) {
                n += x * x;
            }
            for (int i = 0; i < d; i++) {
                cols[c][i] = v[i] / Math.sqrt(n);
            }
        }
        double[][] q = new double[d][d];   // q[i][k] = column k, entry i
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                q[i][k] = cols[k][i];
            }
        }
        return q;
    }

    /** ½(θ−θ*)ᵀH(θ−θ*) at a random θ away from a random optimum (non-zero gradient). */
    static Quadratic dense(double[][] h, long seed) {
        int d = h.length;
        return Quadratic.dense(store(gaussian(d, 1, seed)), h, doubles(gaussian(d, 1, seed + 1)));
    }

    static Quadratic diagonal(double[] h, long seed) {
        int d = h.length;
        return Quadratic.diagonal(store(gaussian(d, 1, seed)), h, doubles(gaussian(d, 1, seed + 1)));
    }

    /**
     * diag(h) minimised at a random θ of the given scale: zero gradient, so no first-order rounding
     * error in probes; the realised step fl(θ ± hv) − θ still differs from ±hv by up to ½ulp(θᵢ).
     */
    static Quadratic diagonalAtOptimum(double[] h, double scale, long seed) {
        float[] theta = gaussian(h.length, scale, seed);
        return Quadratic.diagonal(store(theta), h, doubles(theta));
    }

    static double trace(double[][] h) {
        double t = 0;
        for (int i = 0; i < h.length; i++) {
            t += h[i][i];
        }
        return t;
    }

    static double traceSquared(double[][] h) {
        double t = 0;
        for (double[] row : h) {
            for (double x : row) {
                t += x * x;
            }
        }
        return t;
    }

    /** Logistic regression on n seeded Gaussian points in d dimensions (last feature 1), L2 = 0.01. */
    record Logistic(LogisticRegression objective, double[][] x, double l2) {

        /** Tr ∇²L computed here from its definition: mean σ(1−σ)‖xᵢ‖² + λd. */
        double exactTrace() {
            double[] w = objective.point();
            double t = 0;
            for (double[] xi : x) {
                double m = 0;
                double sq = 0;
                for (int j = 0; j < w.length; j++) {
                    m += w[j] * xi[j];
                    sq += xi[j] * xi[j];
                }
                double p = 1 / (1 + Math.exp(-m));
                t += p * (1 - p) * sq / x.length;
            }
            return t + l2 * w.length;
        }
    }

    static Logistic logistic(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d - 1; j++) {
                x[i][j] = r.nextGaussian();
            }
            x[i][d - 1] = 1;
            y[i] = x[i][0] + 0.5 * r.nextGaussian() > 0 ? 1 : 0;
        }
        LogisticRegression lr = new LogisticRegression(store(gaussian(d, 0.5, seed + 7)), x, y, 0.01);
        return new Logistic(lr, x, 0.01);
    }
}
