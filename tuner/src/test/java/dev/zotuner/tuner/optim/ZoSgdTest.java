package dev.zotuner.tuner.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.LogisticRegression;
import dev.zotuner.tuner.objective.Objective;
import dev.zotuner.tuner.objective.Quadratic;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.NoiseStream;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import dev.zotuner.tuner.perturb.ReferenceNoise;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZoSgdTest {

    private static final int[] ALL = {0};

    @Test
    void convergesOnAQuadraticByOrdersOfMagnitude() {
        for (Restoration r : Restoration.values()) {
            ParameterStore store = Problems.single(20);
            Quadratic q = Problems.quadratic(store, 4, 1);
            double start = q.loss();
            ZoSettings s = ZoSettings.defaults(7).withLr(0.005).withEps(1e-3).withRestoration(r);
            try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
                ZoOptimizer sgd = ZoMethod.ZO_SGD.create(store, engine, s);
                for (int t = 0; t < 3000; t++) {
                    sgd.step(q, ALL);
                }
                assertEquals(3000, sgd.steps());
            }
            assertTrue(q.loss() < start * 1e-3, r + ": loss " + start + " -> " + q.loss());
        }
    }

    @Test
    void lookAheadStepsEqualPlainStepsBitForBitAndFuseOnlyWhereAllowed() {
        ZoSettings base = ZoSettings.defaults(11).withLr(0.004).withEps(1e-3).withWeightDecay(0.01);
        for (ZoMethod m : ZoMethod.values()) {
            ZoSettings s = m == ZoMethod.N_SPSA ? base.withDirections(3) : base;
            ParameterStore fused = Problems.blocks(300, 700);
            ParameterStore plain = Problems.blocks(300, 700);
            Quadratic qf = Problems.quadratic(fused, 5, 4).withNoise(8, 0.3, 5);
            Quadratic qp = Problems.quadratic(plain, 5, 4).withNoise(8, 0.3, 5);
            try (PerturbationEngine engine = new PerturbationEngine(2, NoiseKind.GAUSSIAN)) {
                ZoOptimizer a = m.create(fused, engine, s);
                ZoOptimizer b = m.create(plain, engine, s);
                boolean fuses = m != ZoMethod.MEZO_BCD && m != ZoMethod.ZO_SGD_CONS;
                for (int t = 0; t < 12; t++) {
                    int[] batch = Problems.batch(t, 8);
                    boolean follows = t % 5 != 4 && t != 11;           // as between evaluations
                    StepLog la = a.step(qf, batch, follows);
                    StepLog lb = b.step(qp, batch);
                    assertEquals(lb, la, m + " step " + t);
                    assertEquals(follows && fuses, a.lookAheadPending(), m + " step " + t);
                    if (!a.lookAheadPending()) {
                        assertEquals(java.util.Arrays.toString(plain.snapshot()), java.util.Arrays.toString(fused.snapshot()),
                                m + " after step " + t);
                    }
                }
            }
        }
    }

    @Test
    void aPendingLookAheadAllowsOnlyTheNextStep() {
        ParameterStore store = Problems.single(64);
        Quadratic q = Problems.quadratic(store, 2, 1);
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            ZoOptimizer sgd = ZoMethod.ZO_SGD.create(store, engine, ZoSettings.defaults(1).withLr(0.01));
            StepLog first = sgd.step(q, ALL, true);
            assertTrue(sgd.lookAheadPending());
            assertThrows(IllegalStateException.class, sgd::state);
            assertThrows(IllegalStateException.class, () -> sgd.replay(first));
            sgd.step(q, ALL);
            assertEquals(false, sgd.lookAheadPending());
            ZoOptimizer snapshotted = ZoMethod.ZO_SGD.create(store, engine,
                    ZoSettings.defaults(1).withRestoration(Restoration.SNAPSHOT));
            snapshotted.step(q, ALL, true);
            assertEquals(false, snapshotted.lookAheadPending(), "snapshot restoration never fuses");
        }
    }

    @Test
    void oneSnapshotStepIsThetaMinusLrGZ() {
        ParameterStore store = Problems.single(37);
        Quadratic q = Problems.quadratic(store, 3, 2);
        float[] before = store.snapshot();
        ZoSettings s = ZoSettings.defaults(3).withLr(0.01).withRestoration(Restoration.SNAPSHOT);
        StepLog log;
        try (PerturbationEngine engine = new PerturbationEngine(2, NoiseKind.GAUSSIAN)) {
            log = ZoMethod.ZO_SGD.create(store, engine, s).step(q, ALL);
        }
        ProjectedGradient pg = log.directions().get(0);
        assertEquals(Seeds.direction(3, 0, 0), pg.seed());
        float c = (float) (-0.01 * pg.g());
        NoiseStream z = NoiseStream.of(pg.seed(), "w");
        for (int i = 0; i < before.length; i++) {
            float expected = Math.fma(c, ReferenceNoise.z(NoiseKind.GAUSSIAN, z, i), before[i]);
            assertEquals(expected, store.get(i), "element " + i);
        }
        assertEquals(pg.loss(), log.loss(), 0);
    }

    @Test
    void snapshotRestoresExactlyWhileInPlaceDriftsByUlps() {
        ParameterStore a = Problems.single(50);
        ParameterStore b = Problems.single(50);
        Problems.quadratic(a, 2, 5);
        Problems.quadratic(b, 2, 5);
        float[] start = a.snapshot();
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            ZoOptimizer inPlace = ZoMethod.ZO_SGD.create(a, engine, ZoSettings.defaults(1).withLr(1e-3));
            ZoOptimizer exact = ZoMethod.ZO_SGD.create(b, engine,
                    ZoSettings.defaults(1).withLr(1e-3).withRestoration(Restoration.SNAPSHOT));
            assertEquals(0, inPlace.memoryBytes());
            assertEquals(4 * 50, exact.memoryBytes());
            for (int t = 0; t < 100; t++) {          // g = 0: only the restoration changes θ
                inPlace.step(constant(a), ALL);
                exact.step(constant(b), ALL);
            }
        }
        assertEquals(java.util.Arrays.toString(start), java.util.Arrays.toString(b.snapshot()));
        boolean drifted = false;
        for (int i = 0; i < 50; i++) {
            float x = a.get(i);
            drifted |= x != start[i];
            assertEquals(start[i], x, 100 * Math.ulp(start[i]), "element " + i);
        }
        assertTrue(drifted, "θ+εz−2εz+εz is not θ in float32, so in-place restoration must drift somewhere");
    }

    @Test
    void weightDecaySkipsBiasesAndLayerNorms() {
        ParameterStore store = Problems.blocks(4);
        store.set(0, 1f);
        store.get("b0.bias").values().put(0, 1f);
        Objective flat = constant(store);
        ZoSettings s = ZoSettings.defaults(9).withLr(0.1).withWeightDecay(0.5).withRestoration(Restoration.SNAPSHOT);
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            ZoOptimizer sgd = ZoMethod.ZO_SGD.create(store, engine, s);
            for (int t = 0; t < 10; t++) {
                sgd.step(flat, ALL);
            }
        }
        assertEquals(Math.pow(0.95, 10), store.get(0), 1e-6, "decaying weight shrinks by (1 − ηλ) per step");
        assertEquals(1f, store.get("b0.bias").values().get(0), "bias untouched when g = 0");
    }

    @Test
    void followsAnyObjectiveEvenAnErrorRate() {
        int n = 200;
        SplittableRandom rnd = new SplittableRandom(4);
        double[][] x = new double[n][3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = rnd.nextGaussian();
            x[i][1] = rnd.nextGaussian();
            x[i][2] = 1;
            y[i] = x[i][0] - 0.5 * x[i][1] > 0.2 ? 1 : 0;
        }
        ParameterStore store = ParameterStore.builder().add("w", new long[] {3}, "w", true, new float[] {-1, 1, 0.5f}).build();
        LogisticRegression model = new LogisticRegression(store, x, y, 0);
        Objective error = model.misclassification();
        double before = error.loss();
        ZoSettings s = ZoSettings.defaults(11).withLr(2).withEps(0.5);
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            ZoOptimizer sgd = ZoMethod.ZO_SGD.create(store, engine, s);
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            for (int t = 0; t < 300; t++) {
                sgd.step(error, all);
            }
        }
        assertTrue(before > 0.7, "starts mostly wrong: " + before);
        assertTrue(error.loss() < 0.05, "error rate " + before + " -> " + error.loss());
    }

    @Test
    void refusesAnObjectiveOverAnotherStore() {
        ParameterStore mine = Problems.single(3);
        Quadratic other = Problems.quadratic(Problems.single(3), 2, 1);
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            ZoOptimizer sgd = ZoMethod.ZO_SGD.create(mine, engine, ZoSettings.defaults(1));
            assertThrows(IllegalArgumentException.class, () -> sgd.step(other, ALL));
        }
    }

    @Test
    void aNonFiniteLossRestoresThetaAndFailsWithOneLine() {
        ParameterStore store = Problems.single(5);
        Problems.quadratic(store, 2, 1);
        float[] before = store.snapshot();
        Objective broken = Objective.of(store, 1, examples -> Double.NaN);
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            ZoOptimizer sgd = ZoMethod.ZO_SGD.create(store, engine, ZoSettings.defaults(1).withRestoration(Restoration.SNAPSHOT));
            NonFiniteLoss e = assertThrows(NonFiniteLoss.class, () -> sgd.step(broken, ALL));
            assertEquals("zo-sgd: step 0: non-finite loss (L(θ+εz) = NaN, L(θ−εz) = NaN); θ restored, no update applied",
                    e.getMessage());
            assertEquals(0, sgd.steps());
        }
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(store.snapshot()));
    }

    private static Objective constant(ParameterStore store) {
        return Objective.of(store, 1, examples -> 1);
    }

    static float z(long seed, Parameter p, int i) {
        return ReferenceNoise.z(NoiseKind.GAUSSIAN, NoiseStream.of(seed, p.name()), i);
    }
}
