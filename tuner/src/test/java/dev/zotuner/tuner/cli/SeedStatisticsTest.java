package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SeedStatisticsTest {

    @Test
    void populationStandardDeviationAsNumpy() {
        double[] xs = {0.8, 0.9, 1.0};
        assertEquals(0.9, SeedStatistics.mean(xs), 1e-15);
        assertEquals(Math.sqrt(0.02 / 3), SeedStatistics.std(xs), 1e-15);
        assertEquals(" 90.0 (8.2)", SeedStatistics.meanStd(xs));
    }
}
