package dev.zotuner.tuner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeadConfigTest {

    @Test
    void theMethodDefaultsToThePrototypeHead() {
        assertEquals(HeadConfig.PROTOTYPE, new HeadConfig(null, 1e-3, 0, 0).method());
    }

    @Test
    void outOfRangeSettingsAreOneLineNamingTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HeadConfig("linear", 1e-3, 0, 0))
                .getMessage().contains("--head"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HeadConfig(null, 0, 0, 0))
                .getMessage().contains("--head-lr"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HeadConfig(null, 1e-3, -1, 0))
                .getMessage().contains("--head-decay"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HeadConfig(null, 1e-3, 0, -1))
                .getMessage().contains("--head-warmup"));
    }
}
