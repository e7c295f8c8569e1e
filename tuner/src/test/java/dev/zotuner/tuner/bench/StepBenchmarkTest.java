package dev.zotuner.tuner.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.Quadratic;
import dev.zotuner.tuner.optim.ZoMethod;
import dev.zotuner.tuner.optim.ZoOptimizer;
import dev.zotuner.tuner.optim.ZoSettings;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import org.junit.jupiter.api.Test;

class StepBenchmarkTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, StepBenchmark.medianMs(new long[] {9_000_000, 1_000_000, 2_000_000}), 0);
        assertEquals(2.5, StepBenchmark.medianMs(new long[] {4_000_000, 1_000_000, 2_000_000, 3_000_000}), 0);
    }

    @Test
    void timesAllThreeAndLeavesThetaAtTheBase() {
        ParameterStore store = ParameterStore.builder()
                .add("a", new long[] {4}, "block.a", true, new float[] {1, 2, 3, 4})
                .add("b", new long[] {2}, "block.b", true, new float[] {5, 6}).build();
        Quadratic q = Quadratic.diagonal(store, new double[] {1, 2, 3, 4, 5, 6}, new double[6]);
        float[] base = store.snapshot();
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            ZoSettings s = ZoSettings.defaults(7).withLr(0.1);
            ZoOptimizer full = ZoMethod.ZO_SGD.create(store, engine, s);
            ZoOptimizer block = ZoMethod.MEZO_BCD.create(store, engine, s);
            StepBenchmark.Timings t = new StepBenchmark(q, new int[] {0}, () -> store.restore(base)).run(full, block, 1, 3);
            assertTrue(t.forwardMs() > 0 && t.fullMs() > 0 && t.blockMs() > 0, t.toString());
            assertEquals(t.fullMs() / t.forwardMs(), t.fullOverForward(), 1e-12);
            assertEquals(4, full.steps(), "1 warm-up + 3 timed steps");
            assertEquals(4, block.steps());
            assertArrayEquals(base, store.snapshot(), "θ is restored after every step");
        }
    }

    @Test
    void zeroRepeatsIsRefused() {
        ParameterStore store = ParameterStore.builder().add("a", new long[] {1}, "a", true, new float[] {1}).build();
        Quadratic q = Quadratic.diagonal(store, new double[] {1}, new double[1]);
        StepBenchmark bench = new StepBenchmark(q, new int[] {0}, () -> { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bench.run(null, null, 0, 0));
        assertTrue(e.getMessage().startsWith("bench step: --warmup"), e.getMessage());
    }
}
