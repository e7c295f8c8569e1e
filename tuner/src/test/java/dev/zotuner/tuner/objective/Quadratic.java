package dev.zotuner.tuner.objective;

import dev.zotuner.models.ParameterStore;
import java.util.SplittableRandom;

/**
 * L(θ) = ½ (θ−θ*)ᵀ H (θ−θ*) over the whole store (flat order), H diagonal or dense, symmetric.
 *
 * <p>With {@link #withNoise}, example i adds a linear term ξᵢᵀ(θ−θ*) with Σᵢ ξᵢ = 0, so the
 * full-batch loss is still the clean quadratic while a mini-batch sees a shifted one: its gradient
 * H(θ−θ*) + mean ξᵢ is an unbiased, noisy estimate of the true one, as in stochastic optimisation.
 */
public final class Quadratic implements AnalyticObjective {

    private final ParameterStore store;
    private final double[] diagonal;   // H = diag(diagonal), or null when dense
    private final double[][] h;        // dense H, or null when diagonal
    private final double[] optimum;
    private final double[][] noise;

    private Quadratic(ParameterStore store, double[] diagonal, double[][] h, double[] optimum, double[][] noise) {
        this.store = store;
        this.diagonal = diagonal;
        this.h = h;
        this.optimum = optimum;
        this.noise = noise;
    }

    /** H = diag(h): O(d) per evaluation. */
    public static Quadratic diagonal(ParameterStore store, double[] h, double[] optimum) {
        int d = (int) store.size();
        if (h.length != d || optimum.length != d) {
            throw new IllegalArgumentException("quadratic: diag(H) has " + h.length + " and θ* has "
                    + optimum.length + " values, the store has " + d);
        }
        return new Quadratic(store, h.clone(), null, optimum.clone(), new double[1][d]);
    }

    /** A dense symmetric H. */
    public static Quadratic dense(ParameterStore store, double[][] h, double[] optimum) {
        int d = (int) store.size();
        if (h.length != d || optimum.length != d) {
            throw new IllegalArgumentException("quadratic: H is " + h.length + "x" + h.length + " and θ* has "
                    + optimum.length + " values, the store has " + d);
        }
        double[][] copy = new double[d][];
        for (int i = 0; i < d; i++) {
            if (h[i].length != d) {
                throw new IllegalArgumentException("quadratic: row " + i + " of H has " + h[i].length + " values, expected " + d);
            }
            copy[i] = h[i].clone();
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                if (copy[i][j] != copy[j][i]) {
                    throw new IllegalArgumentException("quadratic: H is not symmetric at (" + i + "," + j + ")");
                }
            }
        }
        return new Quadratic(store, null, copy, optimum.clone(), new double[1][d]);
    }

    /** The same quadratic split into {@code examples} examples with N(0, σ²) linear noise, centred. */
    public Quadratic withNoise(int examples, double sigma, long seed) {
        if (examples < 1) {
            throw new IllegalArgumentException("quadratic: need at least one example, got " + examples);
        }
        int d = optimum.length;
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] xi = new double[examples][d];
        double[] mean = new double[d];
        for (double[] row : xi) {
            for (int j = 0; j < d; j++) {
                row[j] = sigma * rnd.nextGaussian();
                mean[j] += row[j] / examples;
            }
        }
        for (double[] row : xi) {
            for (int j = 0; j < d; j++) {
                row[j] -= mean[j];
            }
        }
        return new Quadratic(store, diagonal, h, optimum, xi);
    }

    @Override
    public ParameterStore parameters() {
        return store;
    }

    @Override
    public int size() {
        return noise.length;
    }

    /** θ*, the minimiser of the full-batch loss. */
    public double[] optimum() {
        return optimum.clone();
    }

    @Override
    public double loss(int[] examples) {
        double[] delta = delta();
        double[] hd = times(delta);
        double quad = 0;
        for (int i = 0; i < delta.length; i++) {
            quad += delta[i] * hd[i];
        }
        double[] xi = meanNoise(examples);
        double lin = 0;
        for (int i = 0; i < delta.length; i++) {
            lin += xi[i] * delta[i];
        }
        return 0.5 * quad + lin;
    }

    @Override
    public double[] gradient(int[] examples) {
        double[] g = times(delta());
        double[] xi = meanNoise(examples);
        for (int i = 0; i < g.length; i++) {
            g[i] += xi[i];
        }
        return g;
    }

    @Override
    public double[][] hessian(int[] examples) {
        int d = optimum.length;
        double[][] copy = new double[d][];
        for (int i = 0; i < d; i++) {
            copy[i] = diagonal == null ? h[i].clone() : new double[d];
            if (diagonal != null) {
                copy[i][i] = diagonal[i];
            }
        }
        return copy;
    }

    @Override
    public double hessianTrace(int[] examples) {
        double t = 0;
        for (int i = 0; i < optimum.length; i++) {
            t += diagonal == null ? h[i][i] : diagonal[i];
        }
        return t;
    }

    private double[] delta() {
        double[] x = point();
        for (int i = 0; i < x.length; i++) {
            x[i] -= optimum[i];
        }
        return x;
    }

    private double[] times(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            if (diagonal != null) {
                out[i] = diagonal[i] * v[i];
                continue;
            }
            double s = 0;
            double[] row = h[i];
            for (int j = 0; j < v.length; j++) {
                s += row[j] * v[j];
            }
            out[i] = s;
        }
        return out;
    }

    private double[] meanNoise(int[] examples) {
        double[] m = new double[optimum.length];
        if (examples.length == 0) {
            throw new IllegalArgumentException("quadratic: empty mini-batch");
        }
        for (int e : examples) {
            if (e < 0 || e >= noise.length) {
                throw new IllegalArgumentException("quadratic: example " + e + " out of range 0.." + (noise.length - 1));
            }
            for (int j = 0; j < m.length; j++) {
                m[j] += noise[e][j];
            }
        }
        for (int j = 0; j < m.length; j++) {
            m[j] /= examples.length;
        }
        return m;
    }
}
