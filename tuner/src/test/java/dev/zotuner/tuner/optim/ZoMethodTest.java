package dev.zotuner.tuner.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
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
    void unknownIdListsTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZoMethod.parse("sgd"));
        assertEquals("unknown optimizer 'sgd' (expected one of zo-sgd, zo-sgd-mmt, zo-adam, zo-sgd-sign, "
                + "zo-sgd-cons, n-spsa, mezo-bcd)", e.getMessage());
    }
}
