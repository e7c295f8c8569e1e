package dev.zotuner.tuner.stability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SpectrumTest {

    @Test
    void summaries() {
        Spectrum s = new Spectrum(new double[] {3, 0, 1});
        assertEquals(3, s.dimension());
        assertEquals(4, s.trace());
        assertEquals(10, s.traceSquared());
        assertEquals(3, s.lambdaMax());
    }

    @Test
    void isImmutable() {
        double[] v = {1, 2};
        Spectrum s = new Spectrum(v);
        v[0] = 100;
        s.eigenvalues()[1] = 100;
        assertArrayEquals(new double[] {1, 2}, s.eigenvalues());
        assertEquals(new Spectrum(new double[] {1, 2}), s);
    }

    @Test
    void preconditionedDividesByP() {
        Spectrum s = new Spectrum(new double[] {4, 1}).preconditioned(new double[] {2, 0.5});
        assertArrayEquals(new double[] {2, 2}, s.eigenvalues());
        assertEquals("preconditioner entry #2 is 0.0; it must be finite and > 0",
                assertThrows(IllegalArgumentException.class,
                        () -> new Spectrum(new double[] {4, 1}).preconditioned(new double[] {2, 0})).getMessage());
        assertEquals("preconditioner has 1 entries but the spectrum has 2",
                assertThrows(IllegalArgumentException.class,
                        () -> new Spectrum(new double[] {4, 1}).preconditioned(new double[] {2})).getMessage());
    }

    @Test
    void rejectsInvalidSpectra() {
        assertEquals("spectrum is empty",
                assertThrows(IllegalArgumentException.class, () -> new Spectrum(new double[0])).getMessage());
        assertEquals("eigenvalue #2 is -1.0; H must be positive semi-definite",
                assertThrows(IllegalArgumentException.class, () -> new Spectrum(new double[] {1, -1})).getMessage());
        assertEquals("eigenvalue #1 is NaN; H must be positive semi-definite",
                assertThrows(IllegalArgumentException.class, () -> new Spectrum(new double[] {Double.NaN})).getMessage());
        assertEquals("all eigenvalues are zero (H = 0 is stable at every step size)",
                assertThrows(IllegalArgumentException.class, () -> new Spectrum(new double[] {0, 0})).getMessage());
    }
}
