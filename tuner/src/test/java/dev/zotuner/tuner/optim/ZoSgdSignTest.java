package dev.zotuner.tuner.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.Quadratic;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import org.junit.jupiter.api.Test;

class ZoSgdSignTest {

    @Test
    void everyCoordinateMovesByExactlyTheLearningRateAgainstTheEstimate() {
        ParameterStore store = Problems.single(64);
        Quadratic q = Problems.quadratic(store, 5, 8);
        float lr = 1f / 1024;
        try (PerturbationEngine engine = new PerturbationEngine(2, NoiseKind.GAUSSIAN)) {
            ZoOptimizer sign = ZoMethod.ZO_SGD_SIGN.create(store, engine,
                    ZoSettings.defaults(2).withLr(lr).withRestoration(Restoration.SNAPSHOT));
            for (int t = 0; t < 5; t++) {
                float[] before = store.snapshot();
                StepLog log = sign.step(q, new int[] {0});
                double g = log.directions().get(0).g();
                for (int i = 0; i < 64; i++) {
                    float z = ZoSgdTest.z(log.directions().get(0).seed(), store.get("w"), i);
                    float moved = store.get(i) - before[i];
                    assertEquals(lr, Math.abs(moved), Math.ulp(before[i]), "step " + t + " element " + i);
                    assertEquals(-Math.signum(g * z), Math.signum(moved), "step " + t + " element " + i);
                }
            }
        }
    }

    @Test
    void convergesToWithinAFewStepSizes() {
        ParameterStore store = Problems.single(8);
        Quadratic q = Problems.quadratic(store, 2, 4);
        double start = q.loss();
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            ZoOptimizer sign = ZoMethod.ZO_SGD_SIGN.create(store, engine,
                    ZoSettings.defaults(3).withLr(LearningRate.linear(0.02, 4000)));
            for (int t = 0; t < 4000; t++) {
                sign.step(q, new int[] {0});
            }
            assertEquals(0, sign.memoryBytes());
        }
        assertTrue(q.loss() < start * 1e-3, "loss " + start + " -> " + q.loss());
    }
}
