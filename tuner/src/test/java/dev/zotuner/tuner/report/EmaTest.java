package dev.zotuner.tuner.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmaTest {

    @Test
    void byHand() {
        // s0 = 4; s1 = 0.5*4 + 0.5*2 = 3; s2 = 0.5*3 + 0.5*5 = 4
        assertArrayEquals(new double[] {4, 3, 4}, Ema.smooth(new double[] {4, 2, 5}, 0.5), 0.0);
    }

    @Test
    void alphaOneIsTheIdentity() {
        double[] y = {0.3, 0.9, 0.1};
        assertArrayEquals(y, Ema.smooth(y, 1.0), 0.0);
    }

    @Test
    void nonFiniteInputsAreSkipped() {
        double[] s = Ema.smooth(new double[] {Double.NaN, 4, Double.POSITIVE_INFINITY, 2}, 0.5);
        assertTrue(Double.isNaN(s[0]));
        assertEquals(4.0, s[1]);
        assertTrue(Double.isNaN(s[2]));
        assertEquals(3.0, s[3]);
    }

    @Test
    void alphaForSpanTwentiethClamped() {
        assertEquals(1.0, Ema.alphaFor(10));          // span 1: no smoothing
        assertEquals(2.0 / 16, Ema.alphaFor(300));    // span 15
        assertEquals(2.0 / 101, Ema.alphaFor(100_000)); // span capped at 100
    }

    @Test
    void rejectsBadAlpha() {
        assertThrows(IllegalArgumentException.class, () -> Ema.smooth(new double[] {1}, 0.0));
        assertThrows(IllegalArgumentException.class, () -> Ema.smooth(new double[] {1}, 1.5));
        assertThrows(IllegalArgumentException.class,
                () -> Ema.smooth(new double[] {1}, Double.NaN));
    }
}
