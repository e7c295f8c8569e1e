package dev.zotuner.tuner.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.Quadratic;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bit-for-bit reproduction: {@link ZoOptimizer#replay} of the logged steps, and resume from saved state. */
class ZoOptimizerTest {

    private static final int STEPS = 24;

    @TempDir
    Path dir;

    private static ZoSettings settings(Restoration r) {
        return ZoSettings.defaults(99).withLr(LearningRate.linear(0.02, STEPS)).withEps(1e-3)
                .withWeightDecay(0.05).withDirections(3).withBlockOrder(BlockOrder.RANDOM_PERMUTATION)
                .withRestoration(r);
    }

    private record Problem(ParameterStore store, Quadratic objective, float[] start) {
        static Problem create() {
            return create(ParameterStore.Builder.DEFAULT_CHUNK_BYTES);
        }

        static Problem create(long chunkBytes) {
            ParameterStore store = Problems.blocks(chunkBytes, 7, 3, 5);
            Quadratic q = Problems.quadratic(store, 5, 17).withNoise(6, 0.3, 2);
            return new Problem(store, q, store.snapshot());
        }
    }

    @ParameterizedTest
    @EnumSource(ZoMethod.class)
    void replayingTheLogFromTheStartReproducesTheWeights(ZoMethod method) throws Exception {
        for (Restoration r : Restoration.values()) {
            Problem trained = Problem.create();
            List<StepLog> logs = new ArrayList<>();
            try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
                ZoOptimizer opt = method.create(trained.store(), engine, settings(r));
                for (int t = 0; t < STEPS; t++) {
                    logs.add(opt.step(trained.objective(), Problems.batch(t, 6)));
                }
            }

            Problem replayed = Problem.create();
            assertArrayEquals(trained.start(), replayed.store().snapshot());
            try (PerturbationEngine engine = new PerturbationEngine(3, NoiseKind.GAUSSIAN)) {   // other thread count
                ZoOptimizer fresh = method.create(replayed.store(), engine, settings(r));
                logs.forEach(fresh::replay);
                assertEquals(STEPS, fresh.steps());
            }
            assertArrayEquals(trained.store().snapshot(), replayed.store().snapshot(), method.id() + " " + r);
        }
    }

    @ParameterizedTest
    @EnumSource(ZoMethod.class)
    void θSplitAcrossManyBuffersStepsBitIdenticallyToOneBuffer(ZoMethod method) throws Exception {
        for (Restoration r : Restoration.values()) {
            Problem one = Problem.create();
            Problem split = Problem.create(12);      // 12-byte buffers: each tensor in one of its own
            assertEquals(1, one.store().chunks());
            assertEquals(6, split.store().chunks());
            List<StepLog> a = new ArrayList<>();
            List<StepLog> b = new ArrayList<>();
            try (PerturbationEngine engine = new PerturbationEngine(2, NoiseKind.GAUSSIAN)) {
                ZoOptimizer x = method.create(one.store(), engine, settings(r));
                ZoOptimizer y = method.create(split.store(), engine, settings(r));
                for (int t = 0; t < STEPS; t++) {
                    a.add(x.step(one.objective(), Problems.batch(t, 6), t + 1 < STEPS));
                    b.add(y.step(split.objective(), Problems.batch(t, 6), t + 1 < STEPS));
                }
            }
            assertEquals(a, b, method.id() + " " + r + ": the same (seed, g) log");
            assertArrayEquals(one.store().snapshot(), split.store().snapshot(), method.id() + " " + r);
        }
    }

    @ParameterizedTest
    @EnumSource(ZoMethod.class)
    void halfSaveLoadHalfEqualsStraight(ZoMethod method) throws Exception {
        for (Restoration r : Restoration.values()) {
            Problem straight = Problem.create();
            Problem resumed = Problem.create();
            try (PerturbationEngine engine = new PerturbationEngine(2, NoiseKind.GAUSSIAN)) {
                ZoOptimizer a = method.create(straight.store(), engine, settings(r));
                for (int t = 0; t < STEPS; t++) {
                    a.step(straight.objective(), Problems.batch(t, 6));
                }
                ZoOptimizer first = method.create(resumed.store(), engine, settings(r));
                for (int t = 0; t < STEPS / 2; t++) {
                    first.step(resumed.objective(), Problems.batch(t, 6));
                }
                Path state = dir.resolve(method.id() + "-" + r + ".state");
                first.saveState(state);
                ZoOptimizer second = method.create(resumed.store(), engine, settings(r));
                second.loadState(state);
                assertEquals(STEPS / 2, second.steps());
                for (int t = STEPS / 2; t < STEPS; t++) {
                    second.step(resumed.objective(), Problems.batch(t, 6));
                }
                for (Map.Entry<String, float[]> b : a.state().buffers().entrySet()) {
                    assertArrayEquals(b.getValue(), second.state().buffers().get(b.getKey()), b.getKey());
                }
            }
            assertArrayEquals(straight.store().snapshot(), resumed.store().snapshot(), method.id() + " " + r);
        }
    }

    @Test
    void refusesALogForAnotherStep() {
        Problem p = Problem.create();
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            ZoOptimizer opt = ZoMethod.ZO_SGD.create(p.store(), engine, settings(Restoration.IN_PLACE));
            StepLog log = new StepLog(3, 0.1, -1, 1, List.of(new ProjectedGradient(1, 0.5, 1, 0)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.replay(log));
            assertEquals("zo-sgd: step log is for step 3 but the optimizer is at step 0", e.getMessage());
        }
    }
}
