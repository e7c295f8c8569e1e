package dev.zotuner.tuner.curvature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProbeStatisticsTest {

    @Test
    void onePassMomentsMatchTwoPassOnesEvenWithALargeOffset() {
        SplittableRandom r = new SplittableRandom(3);
        double[] x = new double[500];
        ProbeStatistics s = new ProbeStatistics();
        for (int i = 0; i < x.length; i++) {
            x[i] = 1e6 + Math.pow(r.nextGaussian(), 2); // χ²₁ shifted far from 0
            s.add(x[i]);
        }
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double m2 = 0;
        double m4 = 0;
        for (double v : x) {
            m2 += (v - mean) * (v - mean);
            m4 += Math.pow(v - mean, 4);
        }
        assertEquals(500, s.count());
        assertEquals(mean, s.mean(), 1e-9);
        assertEquals(m2 / 499, s.variance(), 1e-9);
        assertEquals(m4 / 500, s.fourthMoment(), 1e-7);
        assertEquals(Math.sqrt(m2 / 499 / 500), s.standardError(), 1e-12);
        double v = (m4 / 500 - Math.pow(m2 / 499, 2) * 497 / 499) / 500;
        assertEquals(Math.sqrt(v), s.varianceStandardError(), 1e-9);
    }

    @Test
    void intervalUsesStudentT() {
        ProbeStatistics s = new ProbeStatistics();
        for (double v : new double[] {1, 2, 3, 4, 5, 6}) {
            s.add(v);
        }
        double se = Math.sqrt(3.5 / 6);
        assertEquals(2.570581836 * se, s.halfWidth(0.95), 1e-8);
        assertEquals(se / 3.5, s.relativeStandardError(), 1e-15);
    }

    @Test
    void smallSamplesAndBadValues() {
        ProbeStatistics s = new ProbeStatistics();
        assertTrue(Double.isNaN(s.mean()));
        s.add(2);
        assertEquals(2, s.mean());
        assertTrue(Double.isNaN(s.variance()));
        assertTrue(Double.isNaN(s.halfWidth(0.95)));
        assertTrue(Double.isNaN(s.varianceStandardError()));
        assertEquals("probe value NaN is not finite (loss NaN/inf at a perturbed point?)",
                assertThrows(IllegalArgumentException.class, () -> s.add(Double.NaN)).getMessage());
    }

    @Test
    void keepsTheValuesInOrderForPairedComparisons() {
        ProbeStatistics s = new ProbeStatistics();
        s.add(2);
        s.add(-1);
        s.add(5);
        assertEquals(List.of(2.0, -1.0, 5.0), s.values());
        assertEquals(2, s.mean());
        assertThrows(UnsupportedOperationException.class, () -> s.values().add(1.0));
    }
}
