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
        assertEquals(-1.0, new Spectrum(new double[] {1, -1}).lambdaMin(), "an indefinite H is a spectrum too");
        assertEquals("eigenvalue #1 is NaN",
                assertThrows(IllegalArgumentException.class, () -> new Spectrum(new double[] {Double.NaN})).getMessage());
        assertEquals("no eigenvalue is positive (every step size moves θ away or not at all; nothing to bound)",
                assertThrows(IllegalArgumentException.class, () -> new Spectrum(new double[] {0, -1})).getMessage());
    }
}
