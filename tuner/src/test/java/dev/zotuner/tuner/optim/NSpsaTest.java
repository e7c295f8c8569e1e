package dev.zotuner.tuner.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.Quadratic;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import org.junit.jupiter.api.Test;

class NSpsaTest {

    @Test
    void withOneDirectionItIsExactlyZoSgd() {
        for (Restoration r : Restoration.values()) {
            float[] a = run(ZoMethod.N_SPSA, 1, r);
            float[] b = run(ZoMethod.ZO_SGD, 1, r);
            assertArrayEquals(b, a, r.toString());
        }
    }

    private static float[] run(ZoMethod method, int n, Restoration r) {
        ParameterStore store = Problems.single(9);
        Quadratic q = Problems.quadratic(store, 3, 2);
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            ZoOptimizer opt = method.create(store, engine, ZoSettings.defaults(8).withLr(0.01).withDirections(n).withRestoration(r));
            for (int t = 0; t < 30; t++) {
                StepLog log = opt.step(q, new int[] {0});
                assertEquals(method == ZoMethod.N_SPSA ? n : 1, log.directions().size());
            }
        }
        return store.snapshot();
    }

    /** Var[ĝ] for n directions ≈ Var[ĝ for one] / n: the one-step move from a fixed θ over many run seeds. */
    @Test
    void varianceOfTheEstimateFallsAsOneOverN() {
        double v1 = estimateVariance(1);
        double v4 = estimateVariance(4);
        double ratio = v1 / v4;
        assertTrue(ratio > 3.2 && ratio < 5.0, "Var(n=1)/Var(n=4) = " + ratio);
    }

    private static double estimateVariance(int n) {
        int d = 10;
        int seeds = 4000;
        ParameterStore store = Problems.single(d);
        Quadratic q = Problems.quadratic(store, 3, 12);
        float[] start = store.snapshot();
        double[] sum = new double[d];
        double[] sumSq = new double[d];
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            for (int s = 0; s < seeds; s++) {
                store.restore(start);
                ZoOptimizer opt = ZoMethod.N_SPSA.create(store, engine,
                        ZoSettings.defaults(s).withLr(1).withDirections(n).withRestoration(Restoration.SNAPSHOT));
                opt.step(q, new int[] {0});
                for (int i = 0; i < d; i++) {
                    double estimate = start[i] - store.flat().get(i);      // ĝ_i, since η = 1
                    sum[i] += estimate;
                    sumSq[i] += estimate * estimate;
                }
            }
        }
        double total = 0;
        for (int i = 0; i < d; i++) {
            double mean = sum[i] / seeds;
            total += sumSq[i] / seeds - mean * mean;
        }
        return total;
    }
}
