package dev.zotuner.tuner.objective;

import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import java.util.SplittableRandom;

/**
 * The test function of Zhang et al., "Zeroth-Order Optimization Finds Flat Minima" (NeurIPS 2025,
 * arXiv:2506.05454, Example 2.1): L(x, y) = ½ (xᵀy − 1)² with x, y ∈ ℝᵈ.
 *
 * <p>Every point with xᵀy = 1 is a global minimiser, but tr ∇²L = ‖x‖² + ‖y‖² varies along that set
 * from 2 (the flattest minima, x = y with ‖x‖ = 1) to ∞. Gradient descent stops wherever it meets the
 * set; the two-point ZO estimator descends the Gaussian smoothing of L, which for this function is
 * exactly {@link #smoothedLoss}: ½r² + ½λ² tr ∇²L + ½λ⁴d, so it keeps shrinking the trace.
 *
 * <p>θ is two tensors, {@code x} and {@code y} (store order x then y), each its own block.
 */
public final class FlatMinimaExample implements AnalyticObjective {

    private final ParameterStore store;
    private final int d;

    public FlatMinimaExample(ParameterStore store) {
        if (!store.contains("x") || !store.contains("y") || store.parameters().size() != 2
                || store.get("x").size() != store.get("y").size()) {
            throw new IllegalArgumentException("flat-minima example: the store must hold exactly two equal-size tensors x and y");
        }
        this.store = store;
        this.d = store.get("x").size();
    }

    /** x, y ~ N(0, I_d) from {@code seed}, as in the paper's experiment. */
    public static FlatMinimaExample random(int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[d];
        float[] y = new float[d];
        for (int i = 0; i < d; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        for (int i = 0; i < d; i++) {
            y[i] = (float) rnd.nextGaussian();
        }
        return new FlatMinimaExample(ParameterStore.builder()
                .add("x", new long[] {d}, "x", false, x)
                .add("y", new long[] {d}, "y", false, y)
                .build());
    }

    @Override
    public ParameterStore parameters() {
        return store;
    }

    @Override
    public int size() {
        return 1;
    }

    /** The residual r = xᵀy − 1. */
    public double residual() {
        Parameter x = store.get("x");
        Parameter y = store.get("y");
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += (double) x.values().get(i) * y.values().get(i);
        }
        return s - 1;
    }

    @Override
    public double loss(int[] examples) {
        double r = residual();
        return 0.5 * r * r;
    }

    /** ∇L = (r·y, r·x). */
    @Override
    public double[] gradient(int[] examples) {
        double r = residual();
        double[] t = point();
        double[] g = new double[2 * d];
        for (int i = 0; i < d; i++) {
            g[i] = r * t[d + i];
            g[d + i] = r * t[i];
        }
        return g;
    }

    /** ∇²L = [[y yᵀ, r I + y xᵀ], [r I + x yᵀ, x xᵀ]]. */
    @Override
    public double[][] hessian(int[] examples) {
        double r = residual();
        double[] t = point();
        double[][] h = new double[2 * d][2 * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                h[i][j] = t[d + i] * t[d + j];
                h[d + i][d + j] = t[i] * t[j];
                h[i][d + j] = t[d + i] * t[j] + (i == j ? r : 0);
                h[d + j][i] = h[i][d + j];
            }
        }
        return h;
    }

    /** tr ∇²L = ‖x‖² + ‖y‖² (everywhere, not only at minima). */
    @Override
    public double hessianTrace(int[] examples) {
        double s = 0;
        for (double v : point()) {
            s += v * v;
        }
        return s;
    }

    /** E_u L(θ + λu), u ~ N(0, I_2d), in closed form: ½r² + ½λ²(‖x‖² + ‖y‖²) + ½λ⁴d. */
    public double smoothedLoss(double lambda) {
        double r = residual();
        double l2 = lambda * lambda;
        return 0.5 * r * r + 0.5 * l2 * hessianTrace(null) + 0.5 * l2 * l2 * d;
    }

    /** The smallest trace over all minimisers: 2, at x = y, ‖x‖ = 1. */
    public static double flattestTrace() {
        return 2;
    }
}
