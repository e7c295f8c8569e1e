package dev.zotuner.tuner.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CurvatureTest {

    private static final double NAN = Double.NaN;

    @Test
    void fromSpectrum() {
        Curvature c = Curvature.of(new Spectrum(new double[] {2, 1}));
        assertEquals(3, c.trace());
        assertEquals(2, c.lambdaMax());
        assertEquals(5, c.traceSq());
        assertTrue(Double.isNaN(c.traceSe()));
    }

    @Test
    void traceIntervalAndLambdaMaxBound() {
        Curvature c = new Curvature(10, 1, NAN, NAN);
        assertEquals(12, c.traceHigh());
        assertEquals(8, c.traceLow());
        assertEquals(12, c.lambdaMaxUpper()); // λmax ≤ Tr H
        assertFalse(c.hasLambdaMax());
        Curvature sq = new Curvature(10, NAN, NAN, 16);
        assertEquals(4, sq.lambdaMaxUpper()); // λmax ≤ √tr H²
        Curvature wide = new Curvature(10, 6, 3, NAN);
        assertEquals(3, wide.traceLow()); // never below λmax
        assertEquals(3, wide.lambdaMaxUpper());
    }

    @Test
    void rejectsInconsistentOrInvalidValues() {
        assertEquals("trace must be finite and > 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> Curvature.ofTrace(-1)).getMessage());
        assertEquals("trace must be finite and > 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> Curvature.ofTrace(NAN)).getMessage());
        assertEquals("trace standard error must be >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new Curvature(1, -1, NAN, NAN)).getMessage());
        assertEquals("lambda-max must be finite and > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new Curvature(1, NAN, 0, NAN)).getMessage());
        assertEquals("trace of H^2 must be finite and >= 0, got -2.0",
                assertThrows(IllegalArgumentException.class, () -> new Curvature(1, NAN, NAN, -2)).getMessage());
        assertEquals("lambda-max 5.0 exceeds trace 2.0 (for PSD H, lambda-max <= Tr H)",
                assertThrows(IllegalArgumentException.class, () -> new Curvature(2, NAN, 5, NAN)).getMessage());
        new Curvature(2, 1.5, 5, NAN); // within the trace's error band: accepted
    }
}
