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
    void traceIntervalAndLambdaMaxBoundForPsdH() {
        Curvature c = new Curvature(10, 1, NAN, NAN).withLambdaMin(0);
        assertEquals(12, c.traceHigh());
        assertEquals(8, c.traceLow());
        assertEquals(12, c.lambdaMaxUpper()); // PSD: λmax ≤ Tr H
        assertFalse(c.hasLambdaMax());
        Curvature sq = new Curvature(10, NAN, NAN, 16).withLambdaMin(0);
        assertEquals(4, sq.lambdaMaxUpper()); // λmax ≤ √tr H²
        Curvature wide = new Curvature(10, 6, 3, NAN).withLambdaMin(0);
        assertEquals(3, wide.traceLow()); // PSD: never below λmax
        assertEquals(3, wide.lambdaMaxUpper());
    }

    @Test
    void withoutPsdOnlySqrtTraceSqBoundsLambdaMax() {
        Curvature c = new Curvature(10, 1, NAN, NAN);
        assertEquals(Double.POSITIVE_INFINITY, c.lambdaMaxUpper(), "Tr H bounds λmax only for PSD H");
        assertFalse(c.psd() || c.indefinite());
        Curvature sq = new Curvature(10, NAN, NAN, 16).withTraceSqSe(4.5);
        assertEquals(5, sq.absLambdaMaxUpper(), 1e-12, "√(16 + 2·4.5)");
        assertEquals(7, sq.traceSqLow(), 1e-12);
        Curvature wide = new Curvature(10, 6, 3, NAN);
        assertEquals(0, wide.traceLow(), "no PSD: Tr H may be below λmax");
        Curvature exact = Curvature.of(new Spectrum(new double[] {440, 100, -144}));
        assertTrue(exact.indefinite());
        assertEquals(440, exact.absLambdaMaxUpper(), 1e-12);
        assertEquals(396, exact.trace(), 1e-12, "a trace below λmax is accepted");
    }

    @Test
    void aLambdaMaxLowerBoundNeverServesAsAnUpperBound() {
        Curvature lower = new Curvature(10, 1, 3, NAN, true).withLambdaMin(0);
        assertEquals(12, lower.lambdaMaxUpper()); // falls back to Tr + 2 se
        assertEquals(8, lower.traceLow());
        assertEquals(4, new Curvature(10, NAN, 3, 16, true).lambdaMaxUpper());
        assertEquals(9, new Curvature(10, 1, 9, NAN, true).withLambdaMin(0).traceLow()); // PSD: Tr ≥ λmax ≥ the bound
        StabilityBounds exact = StabilityCalculator.bounds(new Curvature(10, NAN, 3, NAN).withLambdaMin(0), ZoDynamics.gd(1));
        StabilityBounds bound = StabilityCalculator.bounds(new Curvature(10, NAN, 3, NAN, true).withLambdaMin(0),
                ZoDynamics.gd(1));
        assertEquals(2.0 / 30, bound.lower(), 1e-15); // η < 2/(3 Tr H): only the trace bounds λmax
        assertEquals(2.0 / 16, exact.lower(), 1e-15); // 2/(Tr + 2 λmax)
        assertEquals(exact.upper(), bound.upper());   // the necessary bound may use a lower bound
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
        assertEquals("lambda-min 6.0 exceeds lambda-max 5.0",
                assertThrows(IllegalArgumentException.class, () -> new Curvature(2, NAN, 5, NAN).withLambdaMin(6)).getMessage());
        new Curvature(2, NAN, 5, NAN); // λmax above Tr H: an indefinite H, accepted
    }
}
