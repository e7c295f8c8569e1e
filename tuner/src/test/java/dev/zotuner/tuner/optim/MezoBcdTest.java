package dev.zotuner.tuner.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterBlock;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.Quadratic;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MezoBcdTest {

    @Test
    void eachStepTouchesOnlyItsBlockAndCyclesInOrder() {
        ParameterStore store = Problems.blocks(5, 3, 4);
        Quadratic q = Problems.quadratic(store, 3, 1);
        List<Integer> visited = new ArrayList<>();
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            ZoOptimizer bcd = ZoMethod.MEZO_BCD.create(store, engine, ZoSettings.defaults(3).withLr(0.05));
            for (int t = 0; t < 9; t++) {
                float[] before = store.snapshot();
                StepLog log = bcd.step(q, new int[] {0});
                visited.add(log.block());
                assertOnlyBlockChanged(store, before, log.block());
            }
        }
        assertEquals(List.of(0, 1, 2, 0, 1, 2, 0, 1, 2), visited);
    }

    @Test
    void randomPermutationVisitsEveryBlockOncePerEpoch() {
        ParameterStore store = Problems.blocks(2, 2, 2, 2, 2);
        Quadratic q = Problems.quadratic(store, 2, 2);
        List<Integer> visited = new ArrayList<>();
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            ZoOptimizer bcd = ZoMethod.MEZO_BCD.create(store, engine, ZoSettings.defaults(5).withLr(0.05)
                    .withBlockOrder(BlockOrder.RANDOM_PERMUTATION).withRestoration(Restoration.SNAPSHOT));
            for (int t = 0; t < 20; t++) {
                float[] before = store.snapshot();
                StepLog log = bcd.step(q, new int[] {0});
                visited.add(log.block());
                assertOnlyBlockChanged(store, before, log.block());
            }
        }
        for (int epoch = 0; epoch < 4; epoch++) {
            assertEquals(Set.of(0, 1, 2, 3, 4), new HashSet<>(visited.subList(5 * epoch, 5 * epoch + 5)), "epoch " + epoch);
        }
        assertNotEquals(visited.subList(0, 5), visited.subList(5, 10), "a fresh order each epoch");
        assertNotEquals(List.of(0, 1, 2, 3, 4), visited.subList(0, 5));
    }

    @Test
    void convergesBlockByBlock() {
        ParameterStore store = Problems.blocks(6, 6, 6);
        Quadratic q = Problems.quadratic(store, 3, 4);
        double start = q.loss();
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            ZoOptimizer bcd = ZoMethod.MEZO_BCD.create(store, engine, ZoSettings.defaults(6).withLr(0.02));
            for (int t = 0; t < 4000; t++) {
                bcd.step(q, new int[] {0});
            }
        }
        assertTrue(q.loss() < start * 1e-3, "loss " + start + " -> " + q.loss());
    }

    private static void assertOnlyBlockChanged(ParameterStore store, float[] before, int block) {
        ParameterBlock chosen = store.blocks().get(block);
        boolean changed = false;
        for (Parameter p : store.parameters()) {
            boolean inBlock = chosen.members().contains(p);
            for (int i = 0; i < p.size(); i++) {
                float now = p.values().get(i);
                float was = before[(int) p.offset() + i];
                if (inBlock) {
                    changed |= now != was;
                } else {
                    assertEquals(was, now, p.name() + " is outside block " + chosen.name());
                }
            }
        }
        assertTrue(changed, "block " + chosen.name() + " changed");
    }
}
