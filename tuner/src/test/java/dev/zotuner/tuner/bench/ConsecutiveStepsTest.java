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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsecutiveStepsTest {

    @Test
    void timesBothWaysWithFreshOptimizersAndLeavesThetaAtTheBase() {
        ParameterStore store = ParameterStore.builder().add("w", new long[] {5000}, "w", true, null).build();
        double[] h = new double[5000];
        java.util.Arrays.fill(h, 2);
        Quadratic q = Quadratic.diagonal(store, h, new double[5000]);
        for (int i = 0; i < 5000; i++) {
            store.set(i, (i % 7) / 7f);
        }
        float[] base = store.snapshot();
        List<ZoOptimizer> made = new ArrayList<>();
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            ConsecutiveSteps.Timings t = new ConsecutiveSteps(q, i -> new int[] {0}, () -> store.restore(base)).run(() -> {
                ZoOptimizer o = ZoMethod.ZO_SGD.create(store, engine, ZoSettings.defaults(3).withLr(0.01));
                made.add(o);
                return o;
            }, 3, 4);
            assertTrue(t.forwardMs() > 0 && t.plainMs() > 0 && t.lookAheadMs() > 0, t.toString());
            Map<String, Object> json = t.json();
            assertEquals(t.lookAheadMs() / t.plainMs(), (double) json.get("look_ahead_over_plain"), 1e-12);
            assertEquals(t.plainMs() / (2 * t.forwardMs()), (double) json.get("plain_over_two_forwards"), 1e-12);
        }
        assertEquals(8, made.size(), "one untimed and three timed rounds, two fresh optimizers each");
        made.forEach(o -> assertEquals(4, o.steps()));
        made.forEach(o -> assertEquals(false, o.lookAheadPending(), "each run ends settled"));
        assertArrayEquals(base, store.snapshot());
    }

    @Test
    void needsARoundOfAtLeastTwoSteps() {
        ParameterStore store = ParameterStore.builder().add("a", new long[] {1}, "a", true, new float[] {1}).build();
        Quadratic q = Quadratic.diagonal(store, new double[] {1}, new double[1]);
        ConsecutiveSteps bench = new ConsecutiveSteps(q, i -> new int[] {0}, () -> { });
        assertThrows(IllegalArgumentException.class, () -> bench.run(() -> null, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> bench.run(() -> null, 0, 4));
    }
}
