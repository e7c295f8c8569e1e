package dev.zotuner.tuner.optim;

import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.NoiseStream;
import dev.zotuner.tuner.perturb.ReferenceNoise;

/**
 * Test support: a textbook double-precision re-implementation of the probe of one step on
 * L = ½ Σ h_i (θ_i − θ*_i)², using the same z as the engine (from the reference generator).
 */
final class Twin {

    private Twin() {
    }

    static double loss(double[] theta, double[] h, double[] opt) {
        double s = 0;
        for (int i = 0; i < theta.length; i++) {
            s += 0.5 * h[i] * (theta[i] - opt[i]) * (theta[i] - opt[i]);
        }
        return s;
    }

    /** z of step {@code t} for the single tensor "w". */
    static double[] z(long runSeed, long t, int d) {
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            z[i] = ReferenceNoise.z(NoiseKind.GAUSSIAN, NoiseStream.of(Seeds.direction(runSeed, t, 0), "w"), i);
        }
        return z;
    }

    /** g = (L(θ+εz) − L(θ−εz)) / 2ε. */
    static double g(double[] theta, double[] z, double eps, double[] h, double[] opt) {
        double[] plus = theta.clone();
        double[] minus = theta.clone();
        for (int i = 0; i < theta.length; i++) {
            plus[i] += eps * z[i];
            minus[i] -= eps * z[i];
        }
        return (loss(plus, h, opt) - loss(minus, h, opt)) / (2 * eps);
    }
}
