package dev.zotuner.tuner.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class IterateAverageTest {

    private static final ZoSettings SETTINGS = ZoSettings.defaults(5).withLr(0.01).withEps(1e-3).withMomentum(0.5);

    @TempDir
    Path tmp;

    /** The plain twin: a mean over the first H iterates, then θ̄ += (θ − θ̄)/H, from θ snapshots of an unwrapped run. */
    private static float[] twin(List<float[]> iterates, long horizon) {
        float[] mean = new float[iterates.get(0).length];
        for (int t = 1; t <= iterates.size(); t++) {
            float alpha = (float) (1.0 / Math.min(t, horizon));
            float[] theta = iterates.get(t - 1);
            for (int i = 0; i < mean.length; i++) {
                mean[i] = Math.fma(alpha, theta[i] - mean[i], mean[i]);
            }
        }
        return mean;
    }

    @Test
    void exchangeGivesTheTwinsAverageAndLeavesTheIteratesUntouched() {
        for (ZoMethod m : List.of(ZoMethod.ZO_SGD, ZoMethod.ZO_SGD_MOMENTUM, ZoMethod.MEZO_BCD)) {
            ParameterStore plainStore = Problems.blocks(30, 70);
            ParameterStore averagedStore = Problems.blocks(30, 70);
            Quadratic qp = Problems.quadratic(plainStore, 5, 4).withNoise(8, 0.3, 5);
            Quadratic qa = Problems.quadratic(averagedStore, 5, 4).withNoise(8, 0.3, 5);
            List<float[]> iterates = new ArrayList<>();
            try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
                ZoOptimizer plain = m.create(plainStore, engine, SETTINGS);
                IterateAverage averaged = new IterateAverage(m.create(averagedStore, engine, SETTINGS), averagedStore, 7);
                for (int t = 0; t < 25; t++) {
                    int[] batch = Problems.batch(t, 8);
                    assertEquals(plain.step(qp, batch), averaged.step(qa, batch, true), m + " step " + t);
                    iterates.add(plainStore.snapshot());
                }
                assertFalse(averaged.lookAheadPending(), "never fuses: θ̄ must see θ_t");
                float[] theta = averagedStore.snapshot();
                assertArrayEquals(iterates.get(24), theta, m + ": θ is the plain iterate");
                averaged.exchangeCheckpoint();
                assertTrue(averaged.exchanged());
                float[] mean = averagedStore.snapshot();
                assertArrayEquals(twin(iterates, 7), mean, m + ": θ̄");
                assertFalse(java.util.Arrays.equals(theta, mean), m + ": the average is not the iterate");
                assertThrows(IllegalStateException.class, () -> averaged.step(qa, Problems.batch(25, 8)));
                averaged.exchangeCheckpoint();
                assertArrayEquals(theta, averagedStore.snapshot(), m + ": exchanged back");
                assertEquals(plain.memoryBytes() + 4L * averagedStore.size(), averaged.memoryBytes());
            }
        }
    }

    @Test
    void replayAndResumeRebuildTheAverageBitForBit() throws Exception {
        ParameterStore trained = Problems.blocks(40, 60);
        Quadratic q = Problems.quadratic(trained, 5, 4).withNoise(8, 0.3, 5);
        float[] base = trained.snapshot();
        List<StepLog> logs = new ArrayList<>();
        Path state = tmp.resolve("state.bin");
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            IterateAverage run = new IterateAverage(ZoMethod.ZO_SGD_MOMENTUM.create(trained, engine, SETTINGS), trained, 4);
            for (int t = 0; t < 20; t++) {
                logs.add(run.step(q, Problems.batch(t, 8)));
                if (t == 9) {
                    run.saveState(state);       // the state a snapshot after step 10 holds
                }
            }
            run.exchangeCheckpoint();
            float[] expected = trained.snapshot();

            ParameterStore replayed = Problems.blocks(40, 60);
            replayed.restore(base);
            IterateAverage replay = new IterateAverage(ZoMethod.ZO_SGD_MOMENTUM.create(replayed, engine, SETTINGS), replayed, 4);
            logs.forEach(replay::replay);
            replay.exchangeCheckpoint();
            assertArrayEquals(expected, replayed.snapshot(), "replay from the base model");

            ParameterStore resumed = Problems.blocks(40, 60);
            resumed.restore(base);
            IterateAverage first = new IterateAverage(ZoMethod.ZO_SGD_MOMENTUM.create(resumed, engine, SETTINGS), resumed, 4);
            logs.subList(0, 10).forEach(first::replay);      // θ_10, as a snapshot would hold it
            IterateAverage resume = new IterateAverage(ZoMethod.ZO_SGD_MOMENTUM.create(resumed, engine, SETTINGS), resumed, 4);
            resume.loadState(state);
            assertEquals(10, resume.steps());
            logs.subList(10, 20).forEach(resume::replay);
            resume.exchangeCheckpoint();
            assertArrayEquals(expected, resumed.snapshot(), "snapshot state + replay");
        }
    }

    @Test
    void refusesAStateWithoutTheAverageAndAHorizonBelowOne() {
        ParameterStore store = Problems.single(10);
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            ZoOptimizer sgd = ZoMethod.ZO_SGD.create(store, engine, SETTINGS);
            IterateAverage averaged = new IterateAverage(ZoMethod.ZO_SGD.create(store, engine, SETTINGS), store, 3);
            assertTrue(averaged.state().buffers().containsKey(IterateAverage.BUFFER));
            String message = assertThrows(IllegalArgumentException.class, () -> averaged.restore(sgd.state())).getMessage();
            assertTrue(message.contains("iterate-average") && message.contains("--average 3"), message);
            assertThrows(IllegalArgumentException.class,
                    () -> averaged.restore(new OptimizerState("zo-sgd", 0, Map.of(IterateAverage.BUFFER, new float[3]))));
            message = assertThrows(IllegalArgumentException.class, () -> new IterateAverage(sgd, store, 0)).getMessage();
            assertTrue(message.contains("--average must be ≥ 1"), message);
        }
    }
}
