package dev.zotuner.tuner.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.Quadratic;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StepSplitTest {

    private static ZoSettings settings(Restoration r) {
        return ZoSettings.defaults(5).withLr(0.01).withWeightDecay(0.05).withMomentum(0.8).withDirections(3)
                .withRestoration(r);
    }

    private static Quadratic problem(ParameterStore store) {
        return Problems.quadratic(store, 4, 3).withNoise(4, 0.3, 2);
    }

    /** What the optimizer itself says: probing the next step's directions works, or is refused. */
    private static boolean probes(ZoMethod method) {
        ParameterStore store = Problems.blocks(5, 3);
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            ZoOptimizer opt = method.create(store, engine, settings(Restoration.IN_PLACE));
            try {
                opt.probe(problem(store), new int[] {0}, 0, 1);
                return true;
            } catch (UnsupportedOperationException e) {
                assertThrows(UnsupportedOperationException.class, () -> opt.applyEstimated(List.of()));
                return false;
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ZoMethod.class)
    void supportedIsWhatTheOptimizerDoes(ZoMethod method) {
        assertEquals(probes(method), StepSplit.supported(method), method.id());
    }

    @Test
    void theMethodsThatDoNotSplitAreConsAndBcd() {
        assertEquals(List.of(ZoMethod.ZO_SGD, ZoMethod.ZO_SGD_MOMENTUM, ZoMethod.ZO_ADAM, ZoMethod.ZO_SGD_SIGN,
                ZoMethod.N_SPSA), StepSplit.supported());
    }

    /** Every direction of a step can be probed, and no more: the most workers a step can use. */
    @ParameterizedTest
    @EnumSource(ZoMethod.class)
    void directionsAreTheStepsOwn(ZoMethod method) {
        if (!StepSplit.supported(method)) {
            return;
        }
        ParameterStore store = Problems.blocks(5, 3);
        ZoSettings s = settings(Restoration.IN_PLACE);
        int n = StepSplit.directions(method, s);
        assertEquals(method == ZoMethod.N_SPSA ? 3 : 1, n);
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            ZoOptimizer opt = method.create(store, engine, s);
            Quadratic q = problem(store);
            assertEquals(n, opt.probe(q, new int[] {0}, 0, n).size());
            assertThrows(IllegalArgumentException.class, () -> opt.probe(q, new int[] {0}, 0, n + 1));
            assertEquals(n, opt.step(q, new int[] {0}).directions().size());
        }
    }

    /**
     * For every method that splits, each direction probed on its own replica and the pairs applied on every replica give
     * the single-process run's logs and θ bit for bit, state (momentum, Adam's moments) included, for both restorations.
     */
    @ParameterizedTest
    @EnumSource(ZoMethod.class)
    void aSplitStepIsTheLocalStepBitForBit(ZoMethod method) {
        if (!StepSplit.supported(method)) {
            return;
        }
        for (Restoration r : Restoration.values()) {
            ZoSettings s = settings(r);
            int n = StepSplit.directions(method, s);
            ParameterStore single = Problems.blocks(5, 3);
            Quadratic qs = problem(single);
            List<ParameterStore> stores = new ArrayList<>();
            List<Quadratic> objectives = new ArrayList<>();
            try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
                ZoOptimizer local = method.create(single, engine, s);
                List<ZoOptimizer> replicas = new ArrayList<>();
                for (int w = 0; w < n + 1; w++) {       // one replica per direction and one that only applies
                    ParameterStore store = Problems.blocks(5, 3);
                    stores.add(store);
                    objectives.add(problem(store));
                    replicas.add(method.create(store, engine, s));
                }
                for (int t = 0; t < 12; t++) {
                    int[] batch = Problems.batch(t, 4);
                    StepLog expected = local.step(qs, batch);
                    List<ProjectedGradient> pairs = new ArrayList<>();
                    for (int k = 0; k < n; k++) {
                        pairs.addAll(replicas.get(k).probe(objectives.get(k), batch, k, k + 1));
                    }
                    for (ZoOptimizer replica : replicas) {
                        assertEquals(expected, replica.applyEstimated(pairs), method.id() + " " + r + " step " + t);
                    }
                }
            }
            for (ParameterStore store : stores) {
                assertArrayEquals(single.snapshot(), store.snapshot(), method.id() + " " + r);
            }
        }
    }
}
