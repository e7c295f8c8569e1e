package dev.zotuner.tuner.curvature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class RitzEstimateTest {

    @Test
    void valuesAreCopiedAndComparedByContent() {
        double[] mu = {3, 1};
        RitzEstimate r = new RitzEstimate(3, mu, 2, 0, 7, 1e-3, false);
        mu[0] = 99;
        assertEquals(3, r.ritzValues()[0]);
        r.ritzValues()[1] = 42;
        assertEquals(1, r.ritzValues()[1]);
        assertEquals(r, new RitzEstimate(3, new double[] {3, 1}, 2, 0, 7, 1e-3, false));
        assertEquals(r.hashCode(), new RitzEstimate(3, new double[] {3, 1}, 2, 0, 7, 1e-3, false).hashCode());
        assertNotEquals(r, new RitzEstimate(3, new double[] {3, 2}, 2, 0, 7, 1e-3, false));
        assertNotEquals(r, new RitzEstimate(3, new double[] {3, 1}, 2, 0, 7, 1e-3, true));
    }
}
