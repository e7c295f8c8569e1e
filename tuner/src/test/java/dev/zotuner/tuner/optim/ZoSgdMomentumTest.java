package dev.zotuner.tuner.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.Quadratic;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import org.junit.jupiter.api.Test;

class ZoSgdMomentumTest {

    private static final double[] H = {1, 2, 3};
    private static final double[] OPT = {0.5, -1, 2};

    @Test
    void matchesAHandCodedHeavyBallTwin() {
        float[] start = {1.5f, 0.25f, -0.75f};
        ParameterStore store = ParameterStore.builder().add("w", new long[] {3}, "w", true, start).build();
        Quadratic q = Quadratic.diagonal(store, H, OPT);
        ZoSettings s = ZoSettings.defaults(21).withLr(0.02).withEps(1e-3).withMomentum(0.8)
                .withWeightDecay(0.1).withRestoration(Restoration.SNAPSHOT);
        double[] theta = {1.5, 0.25, -0.75};
        double[] m = new double[3];
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            ZoOptimizer opt = ZoMethod.ZO_SGD_MOMENTUM.create(store, engine, s);
            for (int t = 0; t < 60; t++) {
                opt.step(q, new int[] {0});
                double[] z = Twin.z(21, t, 3);
                double g = Twin.g(theta, z, 1e-3, H, OPT);
                for (int i = 0; i < 3; i++) {
                    m[i] = 0.8 * m[i] + g * z[i] + 0.1 * theta[i];
                    theta[i] -= 0.02 * m[i];
                }
            }
            assertEquals(4 * 3 + 4 * 3, opt.memoryBytes(), "momentum buffer + snapshot");
            assertEquals(3, opt.state().buffers().get("momentum").length);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(theta[i], store.get(i), 1e-4, "θ" + i);
        }
        assertTrue(Math.abs(theta[0] - 1.5) > 0.1, "the twin moved, so agreement is not trivial");
    }
}
