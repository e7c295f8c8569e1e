package dev.zotuner.tuner.curvature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HutchinsonOptionsTest {

    @Test
    void defaultsAndWithers() {
        HutchinsonOptions o = HutchinsonOptions.defaults();
        assertEquals(1e-3, o.h());
        assertEquals(1e-3f, o.step());
        assertEquals(10, o.minProbes());
        assertEquals(2_000, o.maxProbes());
        assertEquals(0.10, o.targetRelativeSe());
        HutchinsonOptions fixed = o.withProbes(7).withSeed(3).withH(0.5).withConfidence(0.9);
        assertEquals(7, fixed.minProbes());
        assertEquals(7, fixed.maxProbes());
        assertEquals(3, fixed.seed());
        assertEquals(0.5, fixed.h());
        assertEquals(0.9, fixed.confidence());
        HutchinsonOptions adaptive = o.withAdaptiveProbes(4, 40, 0.1);
        assertEquals(List.of(4, 40), List.of(adaptive.minProbes(), adaptive.maxProbes()));
        assertEquals(0.1, adaptive.targetRelativeSe());
    }

    @Test
    void probeSeedsArePureDistinctFunctionsOfTheBaseSeed() {
        HutchinsonOptions a = HutchinsonOptions.defaults().withSeed(42);
        Set<Long> seen = new HashSet<>();
        for (int k = 0; k < 1000; k++) {
            assertEquals(a.probeSeed(k), HutchinsonOptions.defaults().withSeed(42).probeSeed(k));
            seen.add(a.probeSeed(k));
        }
        assertEquals(1000, seen.size());
        assertNotEquals(a.probeSeed(0), a.withSeed(43).probeSeed(0));
    }

    @Test
    void rejectsBadValues() {
        HutchinsonOptions o = HutchinsonOptions.defaults();
        assertEquals("need at least 2 probes for a standard error, got minimum 1",
                assertThrows(IllegalArgumentException.class, () -> o.withProbes(1)).getMessage());
        assertEquals("probe cap 3 is below the minimum 5",
                assertThrows(IllegalArgumentException.class, () -> o.withAdaptiveProbes(5, 3, 0.1)).getMessage());
        assertEquals("finite-difference step h must be a positive float, got 1.0E-50",
                assertThrows(IllegalArgumentException.class, () -> o.withH(1e-50)).getMessage());
        assertEquals("confidence level must be in (0, 1), got 0.0",
                assertThrows(IllegalArgumentException.class, () -> o.withConfidence(0)).getMessage());
        assertEquals("target relative standard error must be finite and >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> o.withAdaptiveProbes(2, 3, -1)).getMessage());
    }
}
