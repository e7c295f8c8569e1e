package dev.zotuner.tuner.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ZoSettingsTest {

    @Test
    void defaultsAreMezos() {
        ZoSettings s = ZoSettings.defaults(5);
        assertEquals(1e-6, s.lr().at(100), 0);
        assertEquals(1e-3, s.eps(), 0);
        assertEquals(Restoration.IN_PLACE, s.restoration());
        assertEquals(1, s.directions());
        assertEquals(5, s.runSeed());
    }

    @Test
    void withersChangeOneField() {
        ZoSettings s = ZoSettings.defaults(5).withEps(0.1).withMomentum(0.5).withAdam(0.8, 0.9, 1e-6)
                .withDirections(4).withWeightDecay(0.01).withBlockOrder(BlockOrder.RANDOM_PERMUTATION)
                .withRestoration(Restoration.SNAPSHOT).withRunSeed(6).withLr(0.3);
        assertEquals(new ZoSettings(LearningRate.constant(0.3), 0.1, 0.01, 0.5, 0.8, 0.9, 1e-6, 4,
                BlockOrder.RANDOM_PERMUTATION, Restoration.SNAPSHOT, 6), s);
    }

    @Test
    void rejectsOutOfRangeValuesWithOneLine() {
        assertEquals("eps 0.0 must be > 0",
                assertThrows(IllegalArgumentException.class, () -> ZoSettings.defaults(1).withEps(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ZoSettings.defaults(1).withMomentum(1));
        assertThrows(IllegalArgumentException.class, () -> ZoSettings.defaults(1).withAdam(0.9, 1.0, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> ZoSettings.defaults(1).withDirections(0));
        assertThrows(IllegalArgumentException.class, () -> ZoSettings.defaults(1).withWeightDecay(-0.1));
    }
}
