package dev.zotuner.tuner.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.Quadratic;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import org.junit.jupiter.api.Test;

class ZoAdamTest {

    private static final double[] H = {1, 4, 0.25};
    private static final double[] OPT = {0.5, -1, 2};

    @Test
    void matchesAHandCodedAdamTwin() {
        float[] start = {1.5f, 0.25f, -0.75f};
        ParameterStore store = ParameterStore.builder().add("w", new long[] {3}, "w", true, start).build();
        Quadratic q = Quadratic.diagonal(store, H, OPT);
        ZoSettings s = ZoSettings.defaults(5).withLr(0.05).withEps(1e-3).withAdam(0.9, 0.99, 1e-8)
                .withRestoration(Restoration.SNAPSHOT);
        double[] theta = {1.5, 0.25, -0.75};
        double[] m = new double[3];
        double[] v = new double[3];
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            ZoOptimizer adam = ZoMethod.ZO_ADAM.create(store, engine, s);
            for (int t = 0; t < 60; t++) {
                adam.step(q, new int[] {0});
                double[] z = Twin.z(5, t, 3);
                double g = Twin.g(theta, z, 1e-3, H, OPT);
                for (int i = 0; i < 3; i++) {
                    double d = g * z[i];
                    m[i] = 0.9 * m[i] + 0.1 * d;
                    v[i] = 0.99 * v[i] + 0.01 * d * d;
                    double mHat = m[i] / (1 - Math.pow(0.9, t + 1));
                    double vHat = v[i] / (1 - Math.pow(0.99, t + 1));
                    theta[i] -= 0.05 * mHat / (Math.sqrt(vHat) + 1e-8);
                }
            }
            assertEquals(8 * 3 + 4 * 3, adam.memoryBytes(), "m, v and the snapshot");
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(theta[i], store.get(i), 1e-4, "θ" + i);
        }
        double moved = Math.abs(theta[0] - 1.5) + Math.abs(theta[1] - 0.25) + Math.abs(theta[2] + 0.75);
        assertTrue(moved > 0.3, "the twin moved " + moved + ", so agreement is not trivial");
    }

    @Test
    void convergesOnAnIllConditionedQuadratic() {
        ParameterStore store = Problems.single(10);
        Quadratic q = Problems.quadratic(store, 100, 3);
        double start = q.loss();
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            ZoOptimizer adam = ZoMethod.ZO_ADAM.create(store, engine, ZoSettings.defaults(1).withLr(0.01)
                    .withLr(LearningRate.linear(0.02, 3000)));
            for (int t = 0; t < 3000; t++) {
                adam.step(q, new int[] {0});
            }
        }
        assertTrue(q.loss() < start * 1e-3, "loss " + start + " -> " + q.loss());
    }
}
