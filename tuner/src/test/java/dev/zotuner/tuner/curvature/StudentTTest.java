package dev.zotuner.tuner.curvature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StudentTTest {

    @Test
    void quantilesMatchTables() {
        // t_{0.975, ν} from standard tables
        assertEquals(12.706204736, StudentT.twoSidedQuantile(0.95, 1), 1e-8);
        assertEquals(4.302652730, StudentT.twoSidedQuantile(0.95, 2), 1e-8);
        assertEquals(3.182446305, StudentT.twoSidedQuantile(0.95, 3), 1e-8);
        assertEquals(2.570581836, StudentT.twoSidedQuantile(0.95, 5), 1e-8);
        assertEquals(2.228138852, StudentT.twoSidedQuantile(0.95, 10), 1e-8);
        assertEquals(2.045229642, StudentT.twoSidedQuantile(0.95, 29), 1e-8);
        assertEquals(2.660283029, StudentT.twoSidedQuantile(0.99, 60), 1e-6);
        assertEquals(1.644853627, StudentT.twoSidedQuantile(0.90, 1_000_000), 2e-6); // → normal
        assertEquals(1.959963985, StudentT.twoSidedQuantile(0.95, 100_000), 3e-5);
    }

    @Test
    void centralProbabilityHasTheClosedFormsForOneAndTwoDegrees() {
        for (double t : new double[] {0, 0.3, 1, 2.5, 40}) {
            assertEquals(2 / Math.PI * Math.atan(t), StudentT.central(t, 1), 1e-15);
            assertEquals(t / Math.sqrt(t * t + 2), StudentT.central(t, 2), 1e-15);
        }
        assertEquals(1, StudentT.central(Double.POSITIVE_INFINITY, 7));
        double previous = -1;
        for (double t = 0; t < 10; t += 0.25) {
            double p = StudentT.central(t, 9);
            assertTrue(p > previous);
            previous = p;
        }
    }

    @Test
    void rejectsBadArguments() {
        assertEquals("Student t needs >= 1 degree of freedom, got 0",
                assertThrows(IllegalArgumentException.class, () -> StudentT.central(1, 0)).getMessage());
        assertEquals("confidence level must be in (0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> StudentT.twoSidedQuantile(1, 3)).getMessage());
        assertEquals("Student t: |T| bound must be >= 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> StudentT.central(Double.NaN, 3)).getMessage());
    }
}
