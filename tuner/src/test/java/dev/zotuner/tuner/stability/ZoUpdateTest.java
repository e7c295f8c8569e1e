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
    void unknownNameIsAOneLineError() {
        assertEquals("unknown optimizer 'lion' (expected gd, gdm or adam)",
                assertThrows(IllegalArgumentException.class, () -> ZoUpdate.parse("lion")).getMessage());
    }
}
