package dev.zotuner.tuner.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.tuner.objective.Quadratic;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import dev.zotuner.tuner.stability.ZoDynamics;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZoMethodTest {

    @Test
    void parsesIdsAndCreatesThatMethod() {
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            for (ZoMethod m : ZoMethod.values()) {
                assertEquals(m, ZoMethod.parse(m.id()));
                ZoOptimizer opt = m.create(Problems.blocks(3), engine, ZoSettings.defaults(1));
                assertEquals(m, opt.method());
                assertEquals(0, opt.steps());
            }
        }
    }

    @Test
    void stateBytesAreWhatAFreshOptimizerAllocates() {
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            for (Restoration r : Restoration.values()) {
                ZoSettings settings = ZoSettings.defaults(1).withRestoration(r);
                for (ZoMethod m : ZoMethod.values()) {
                    var store = Problems.blocks(3);
                    assertEquals(m.create(store, engine, settings).memoryBytes(), m.stateBytes(store.size(), settings),
                            m.id() + " with " + r);
                }
            }
        }
        assertEquals(4L * 2 * 1_315_758_080L, ZoMethod.ZO_ADAM.stateBytes(1_315_758_080L, ZoSettings.defaults(1)));
    }

    @Test
    void unknownIdListsTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZoMethod.parse("sgd"));
        assertEquals("unknown optimizer 'sgd' (expected one of zo-sgd, zo-sgd-mmt, zo-adam, zo-sgd-sign, "
                + "zo-sgd-cons, n-spsa, mezo-bcd)", e.getMessage());
    }

    @Test
    void eachMethodNamesTheDynamicsItsStabilityBoundUses() {
        ZoSettings s = ZoSettings.defaults(1).withMomentum(0.8).withAdam(0.7, 0.999, ZoSettings.ADAM_EPS).withDirections(4);
        Map<ZoMethod, ZoDynamics> expected = Map.of(
                ZoMethod.ZO_SGD, ZoDynamics.gd(1),
                ZoMethod.ZO_SGD_MOMENTUM, ZoDynamics.gdm(0.8, 1),
                ZoMethod.ZO_ADAM, ZoDynamics.adam(0.7, 1),
                ZoMethod.ZO_SGD_SIGN, ZoDynamics.gd(1),
                ZoMethod.ZO_SGD_CONS, ZoDynamics.gd(1),
                ZoMethod.N_SPSA, ZoDynamics.gd(4),
                ZoMethod.MEZO_BCD, ZoDynamics.gd(1));
        for (ZoMethod m : ZoMethod.values()) {
            assertEquals(expected.get(m), m.dynamics(s), m.id());
        }
    }

    @Test
    void onlyZoAdamHasAPreconditionerAndItIsBiasCorrectedSqrtVPlusEps() {
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            var store = Problems.single(6);
            Quadratic q = Problems.quadratic(store, 10, 3);
            ZoSettings s = ZoSettings.defaults(5).withLr(1e-3).withAdam(0.9, 0.99, 1e-6);
            for (ZoMethod m : ZoMethod.values()) {
                ZoOptimizer opt = m.create(store, engine, s);
                opt.step(q, Problems.batch(0, 1));
                opt.step(q, Problems.batch(1, 1));
                var p = m.preconditioner(opt, s);
                if (m != ZoMethod.ZO_ADAM) {
                    assertNull(p, m.id());
                    continue;
                }
                float[] v = opt.state().buffers().get("v");
                for (int i = 0; i < v.length; i++) {
                    assertEquals(Math.sqrt(v[i] / (1 - 0.99 * 0.99)) + 1e-6, p.diagonalAt(i), 1e-12);
                }
            }
        }
    }
}
