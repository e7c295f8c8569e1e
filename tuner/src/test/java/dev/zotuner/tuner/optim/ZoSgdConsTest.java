package dev.zotuner.tuner.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.Objective;
import dev.zotuner.tuner.objective.Quadratic;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import org.junit.jupiter.api.Test;

class ZoSgdConsTest {

    /** Its accepted move needs a third loss: a step cannot be split between workers. */
    @Test
    void cannotSplitAStepBetweenWorkers() {
        ParameterStore store = Problems.single(4);
        Quadratic q = Problems.quadratic(store, 3, 2);
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            ZoOptimizer cons = ZoMethod.ZO_SGD_CONS.create(store, engine, ZoSettings.defaults(4));
            assertThrows(UnsupportedOperationException.class, () -> cons.probe(q, new int[] {0}, 0, 1));
            assertThrows(UnsupportedOperationException.class, () -> cons.applyEstimated(java.util.List.of()));
        }
    }

    @Test
    void neverIncreasesTheLossOnItsBatch() {
        for (double lr : new double[] {0.01, 0.1}) {         // 0.1 often overshoots: Cons must refuse those moves
            ParameterStore store = Problems.single(12);
            Quadratic q = Problems.quadratic(store, 4, 6).withNoise(8, 0.5, 1);
            int[] counts = new int[3];
            try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
                ZoOptimizer cons = ZoMethod.ZO_SGD_CONS.create(store, engine, ZoSettings.defaults(4).withLr(lr));
                assertEquals(4 * 12, cons.memoryBytes(), "always a snapshot");
                for (int t = 0; t < 300; t++) {
                    int[] batch = Problems.batch(t, 8);
                    double before = q.loss(batch);
                    StepLog log = cons.step(q, batch);
                    counts[log.accepted() + 1]++;
                    assertTrue(q.loss(batch) <= before, "lr " + lr + " step " + t + ": " + before + " -> " + q.loss(batch));
                    if (log.accepted() == 0) {
                        assertEquals(before, q.loss(batch), 0, "staying returns the same bits");
                    }
                }
            }
            String seen = "stay/descend/reverse = " + counts[1] + "/" + counts[2] + "/" + counts[0];
            assertTrue(counts[2] > 0, "some descent steps accepted at lr " + lr + ": " + seen);
            if (lr == 0.1) {
                assertTrue(counts[1] > 0, "some overshooting steps refused: " + seen);
            }
        }
    }

    @Test
    void aNaNCandidateNeverWins() {
        ParameterStore store = Problems.single(4);
        Problems.quadratic(store, 2, 3);
        float[] before = store.snapshot();
        int[] calls = {0};
        Objective probeThenNaN = Objective.of(store, 1, examples -> {
            calls[0]++;
            return switch (calls[0]) {
                case 1 -> 2.0;             // L(θ+εz)
                case 2 -> 1.0;             // L(θ−εz)
                case 3, 4 -> Double.NaN;   // θ − ηd, θ + ηd
                default -> 5.0;            // θ
            };
        });
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            StepLog log = ZoMethod.ZO_SGD_CONS.create(store, engine, ZoSettings.defaults(1).withLr(0.1)).step(probeThenNaN, new int[] {0});
            assertEquals(0, log.accepted());
        }
        assertEquals(5, calls[0]);
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(store.snapshot()));
    }
}
