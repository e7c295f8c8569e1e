package dev.zotuner.models.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RopeFrequenciesTest {

    @Test
    void highFrequenciesStayLowOnesAreDividedByTheFactorAndTheMiddleIsSmoothed() {
        float[] inv = RopeFrequencies.llama3(64);
        assertEquals(32, inv.length);
        assertEquals(1.0f, inv[0], "wavelength 2π: unchanged");
        double raw5 = 1 / Math.pow(500000, 10.0 / 64);           // wavelength ≈ 39: < 2048, unchanged
        assertEquals(raw5, inv[5], 1e-7);
        double raw31 = 1 / Math.pow(500000, 62.0 / 64);          // wavelength ≈ 2.1e6 > 8192: divided by 32
        assertEquals(raw31 / 32, inv[31], 1e-10);
        for (int i = 1; i < inv.length; i++) {
            assertEquals(true, inv[i] < inv[i - 1], "decreasing at " + i);
        }
    }
}
