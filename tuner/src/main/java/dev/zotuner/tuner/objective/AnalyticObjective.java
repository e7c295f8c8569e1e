package dev.zotuner.tuner.objective;


/**
 * An {@link Objective} whose derivatives are known in closed form, so optimizers and curvature
 * estimators can be checked against the exact gradient, Hessian and trace. Vectors and matrices are
 * indexed in the store's flat order and computed in double from the current float θ.
 */
public interface AnalyticObjective extends Objective {

    /** ∇L over the given examples at the current θ. */
    double[] gradient(int[] examples);

    /** ∇²L over the given examples at the current θ (dense, symmetric). */
    double[][] hessian(int[] examples);

    /** tr ∇²L over the given examples at the current θ. */
    default double hessianTrace(int[] examples) {
        double[][] h = hessian(examples);
        double t = 0;
        for (int i = 0; i < h.length; i++) {
            t += h[i][i];
        }
        return t;
    }

    /** Full-batch gradient. */
    default double[] gradient() {
        return gradient(all(size()));
    }

    /** Full-batch Hessian. */
    default double[][] hessian() {
        return hessian(all(size()));
    }

    /** The current θ as doubles, flat order. */
    default double[] point() {
        float[] flat = parameters().snapshot();
        double[] x = new double[flat.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = flat[i];
        }
        return x;
    }

    /** The indices 0 .. n−1. */
    static int[] all(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }
}
