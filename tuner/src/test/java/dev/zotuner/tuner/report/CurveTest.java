package dev.zotuner.tuner.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CurveTest {

    @Test
    void finiteDropsNaNAndInfinitePoints() {
        Curve c = Curve.finite(new double[] {1, 2, 3, 4}, new double[] {0.5, Double.NaN, -1,
                Double.POSITIVE_INFINITY});
        assertArrayEquals(new double[] {1, 3}, c.x());
        assertArrayEquals(new double[] {0.5, -1}, c.y());
        assertEquals(2, c.size());
        assertEquals(-1.0, c.minY());
        assertEquals(0.5, c.maxY());
        assertFalse(c.allPositive());
    }

    @Test
    void positiveAlsoDropsZeroAndNegative() {
        Curve c = Curve.positive(new double[] {1, 2, 3}, new double[] {0, 2, -1});
        assertArrayEquals(new double[] {2}, c.x());
        assertTrue(c.allPositive());
    }

    @Test
    void emptyAndDefensiveCopies() {
        Curve c = Curve.finite(new double[] {1}, new double[] {Double.NaN});
        assertTrue(c.isEmpty());
        assertTrue(Double.isNaN(c.minY()));
        double[] x = {1};
        Curve d = new Curve(x, new double[] {2});
        x[0] = 99;
        d.x()[0] = 98;
        assertArrayEquals(new double[] {1}, d.x());
        assertEquals(new Curve(new double[] {1}, new double[] {2}), d);
        assertThrows(IllegalArgumentException.class,
                () -> new Curve(new double[] {1, 2}, new double[] {1}));
    }
}
