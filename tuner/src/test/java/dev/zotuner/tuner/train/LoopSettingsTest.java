package dev.zotuner.tuner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LoopSettingsTest {

    private static LoopSettings loop(long steps, int batch, long evalEvery, long curvatureEvery) {
        return new LoopSettings(steps, batch, FewShotObjective.Kind.CROSS_ENTROPY, evalEvery, 10, curvatureEvery, 8, 0,
                false, null);
    }

    @Test
    void noBudgetMeansNone() {
        assertEquals(BudgetConfig.none(), loop(5, 0, 1, 0).budget());
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheOption() {
        assertEquals("--steps must be ≥ 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> loop(0, 4, 1, 0)).getMessage());
        assertEquals("--batch must be ≥ 1 or 'full', got -1",
                assertThrows(IllegalArgumentException.class, () -> loop(5, -1, 1, 0)).getMessage());
        assertEquals("--eval-every must be ≥ 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> loop(5, 4, 0, 0)).getMessage());
        assertEquals("--curvature-every must be ≥ 0, got -2",
                assertThrows(IllegalArgumentException.class, () -> loop(5, 4, 1, -2)).getMessage());
    }
}
