package dev.zotuner.tuner.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ZoUpdateTest {

    @Test
    void parsesCliNamesAndRunAliases() {
        assertEquals(ZoUpdate.GD, ZoUpdate.parse("gd"));
        assertEquals(ZoUpdate.GD, ZoUpdate.parse(" MeZO "));
        assertEquals(ZoUpdate.GDM, ZoUpdate.parse("zo-sgd-momentum"));
        assertEquals(ZoUpdate.ADAM, ZoUpdate.parse("ZO-Adam"));
        for (ZoUpdate u : ZoUpdate.values()) {
            assertEquals(u, ZoUpdate.parse(u.cliName()));
        }
    }

    @Test
    void everyOptimizerIdWhoseUpdateIsAnalysedParsesToItsRule() {
        assertEquals(ZoUpdate.GD, ZoUpdate.parse(dev.zotuner.tuner.optim.ZoMethod.ZO_SGD.id()));
        assertEquals(ZoUpdate.GD, ZoUpdate.parse(dev.zotuner.tuner.optim.ZoMethod.MEZO_BCD.id()));
        assertEquals(ZoUpdate.GD, ZoUpdate.parse(dev.zotuner.tuner.optim.ZoMethod.N_SPSA.id()));
        assertEquals(ZoUpdate.GDM, ZoUpdate.parse(dev.zotuner.tuner.optim.ZoMethod.ZO_SGD_MOMENTUM.id()));
        assertEquals(ZoUpdate.ADAM, ZoUpdate.parse(dev.zotuner.tuner.optim.ZoMethod.ZO_ADAM.id()));
        // sign and conservative steps are not linear in g: no stability rule
        assertThrows(IllegalArgumentException.class, () -> ZoUpdate.parse(dev.zotuner.tuner.optim.ZoMethod.ZO_SGD_SIGN.id()));
        assertThrows(IllegalArgumentException.class, () -> ZoUpdate.parse(dev.zotuner.tuner.optim.ZoMethod.ZO_SGD_CONS.id()));
    }

    @Test
    void unknownNameIsAOneLineError() {
        assertEquals("unknown optimizer 'lion' (expected gd, gdm or adam, or zo-sgd, mezo-bcd, n-spsa, zo-sgd-mmt, zo-adam)",
                assertThrows(IllegalArgumentException.class, () -> ZoUpdate.parse("lion")).getMessage());
    }
}
