package dev.zotuner.tuner.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StabilityBoundsTest {

    @Test
    void verdictRegions() {
        StabilityBounds b = new StabilityBounds(1, 3, Double.NaN);
        assertEquals(Verdict.STABLE, b.verdict(0.999));
        assertEquals(Verdict.UNDETERMINED, b.verdict(1));
        assertEquals(Verdict.UNDETERMINED, b.verdict(2.999));
        assertEquals(Verdict.UNSTABLE, b.verdict(3));
        StabilityBounds open = new StabilityBounds(1, Double.POSITIVE_INFINITY, Double.NaN);
        assertEquals(Verdict.UNDETERMINED, open.verdict(1e300));
    }

    @Test
    void brackets() {
        StabilityBounds b = new StabilityBounds(1, 3, Double.NaN);
        assertTrue(b.brackets(1));
        assertTrue(b.brackets(3));
        assertFalse(b.brackets(0.99));
        assertFalse(b.brackets(3.01));
    }

    @Test
    void rejectsBoundsOutOfOrder() {
        assertThrows(IllegalArgumentException.class, () -> new StabilityBounds(2, 1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new StabilityBounds(0, 1, Double.NaN));
    }
}
