package dev.zotuner.tuner.curvature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.Quadratic;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RunningTraceTest {

    @Test
    void sampleIsTheOneProbeSecondDifference() {
        RunningTrace r = new RunningTrace(0.9);
        assertEquals((1.5 + 1.25 - 2) / 0.25, r.add(1.5, 1.25, 1, 0.5));
        assertEquals(3, r.ema(), 1e-15); // bias-corrected: the first EMA is the first sample
        r.add(2, 2, 1, 1);
        assertEquals((0.1 * 3 * 0.9 + 0.1 * 2) / (0.1 * 0.9 + 0.1), r.ema(), 1e-12);
        assertEquals(2.5, r.mean());
        assertEquals(2, r.last());
        assertEquals(2, r.samples());
        RunningTrace latest = new RunningTrace(0);
        latest.add(1, 1, 0, 1);
        latest.add(3, 3, 0, 1);
        assertEquals(6, latest.ema());
    }

    @Test
    void meezoStepsOnMiniBatchesAverageToTheFullTrace() {
        double[] hd = {4, 2, 1, 1, 0.5, 0.5, 0.25, 0.1};
        float[] theta = Problems.gaussian(8, 1, 1);
        Quadratic q = Quadratic.diagonal(Problems.store(theta), hd, Problems.doubles(Problems.gaussian(8, 1, 2)))
                .withNoise(16, 0.3, 3);
        ParameterStore s = q.parameters();
        RunningTrace r = new RunningTrace(0.9);
        SplittableRandom rnd = new SplittableRandom(4);
        float eps = 1e-3f;
        try (PerturbationEngine e = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            for (int step = 0; step < 400; step++) {
                int[] batch = {rnd.nextInt(16), rnd.nextInt(16), rnd.nextInt(16), rnd.nextInt(16)};
                float[] centre = s.snapshot();
                double l0 = q.loss(batch);
                e.perturb(s.parameters(), step, eps);
                double lp = q.loss(batch);
                s.restore(centre);
                e.perturb(s.parameters(), step, -eps);
                double lm = q.loss(batch);
                s.restore(centre);
                r.add(lp, lm, l0, eps);
            }
        }
        double truth = 9.35;
        assertEquals(truth, r.mean(), 3 * r.standardError(), r.toMap().toString());
        assertTrue(r.standardError() > 0);
        Map<String, Object> m = r.toMap();
        assertEquals(400L, m.get("running_trace_samples"));
        assertTrue(m.containsKey("running_trace_ema"));
    }

    @Test
    void rejectsBadInput() {
        RunningTrace r = new RunningTrace(0.5);
        assertFalse(r.toMap().containsKey("running_trace"));
        assertEquals("running trace decay must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new RunningTrace(1)).getMessage());
        assertEquals("running trace: perturbation scale must be finite and > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> r.add(1, 1, 1, 0)).getMessage());
        assertEquals("running trace: losses NaN, 1.0, 1.0 give a non-finite sample",
                assertThrows(IllegalArgumentException.class, () -> r.add(Double.NaN, 1, 1, 1)).getMessage());
        assertEquals(0, r.samples());
    }
}
