package dev.zotuner.tuner.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.Quadratic;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Directions split between two replicas (probe 0..a, a..n on each, then applyEstimated on both) give every g and the
     * final θ of the single-process run bit for bit, for both restorations; probing leaves θ unchanged.
     */
    @Test
    void directionsProbedOnTwoReplicasGiveTheSingleProcessRunBitForBit() {
        for (Restoration r : Restoration.values()) {
            int n = 5;
            ParameterStore single = Problems.single(9);
            ParameterStore left = Problems.single(9);
            ParameterStore right = Problems.single(9);
            Quadratic qs = Problems.quadratic(single, 3, 2);
            Quadratic ql = Problems.quadratic(left, 3, 2);
            Quadratic qr = Problems.quadratic(right, 3, 2);
            try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
                ZoSettings settings = ZoSettings.defaults(8).withLr(0.01).withDirections(n).withRestoration(r);
                ZoOptimizer a = ZoMethod.N_SPSA.create(single, engine, settings);
                ZoOptimizer b = ZoMethod.N_SPSA.create(left, engine, settings);
                ZoOptimizer c = ZoMethod.N_SPSA.create(right, engine, settings);
                for (int t = 0; t < 20; t++) {
                    int[] batch = {0};
                    StepLog expected = a.step(qs, batch);
                    float[] before = left.snapshot();
                    List<ProjectedGradient> dirs = new ArrayList<>(b.probe(ql, batch, 0, 2));
                    assertArrayEquals(before, left.snapshot(), "probing leaves θ as it was");
                    dirs.addAll(c.probe(qr, batch, 2, n));
                    assertEquals(expected.directions(), dirs, r + " step " + t);
                    assertEquals(expected, b.applyEstimated(dirs));
                    c.applyEstimated(dirs);
                    assertEquals(t + 1, b.steps());
                }
            }
            assertArrayEquals(single.snapshot(), left.snapshot(), r.toString());
            assertArrayEquals(single.snapshot(), right.snapshot(), r.toString());
        }
    }

    @Test
    void applyEstimatedRefusesForeignSeedsAndNonFiniteGradients() {
        ParameterStore store = Problems.single(4);
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            ZoOptimizer opt = ZoMethod.N_SPSA.create(store, engine, ZoSettings.defaults(8).withDirections(2));
            long s0 = Seeds.direction(8, 0, 0);
            long s1 = Seeds.direction(8, 0, 1);
            assertThrows(IllegalArgumentException.class, () -> opt.applyEstimated(
                    List.of(new ProjectedGradient(s1, 1, 0, 0), new ProjectedGradient(s0, 1, 0, 0))));
            float[] before = store.snapshot();
            assertThrows(IllegalStateException.class, () -> opt.applyEstimated(
                    List.of(new ProjectedGradient(s0, Double.NaN, 0, 0), new ProjectedGradient(s1, 1, 0, 0))));
            assertArrayEquals(before, store.snapshot());
            assertEquals(0, opt.steps());
        }
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
                    double estimate = start[i] - store.get(i);      // ĝ_i, since η = 1
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
