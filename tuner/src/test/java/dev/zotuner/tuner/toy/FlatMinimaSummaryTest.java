package dev.zotuner.tuner.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zotuner.tuner.toy.FlatMinimaConfig.Method;
import org.junit.jupiter.api.Test;

class FlatMinimaSummaryTest {

    @Test
    void takesTheStartAndTheEndState() {
        FlatMinimaConfig c = FlatMinimaConfig.of(Method.ZO, 100, 42, null, null, 200, 10);
        FlatMinimaCurvature start = new FlatMinimaCurvature(20.5, 6.4, 190.3, 4e4, 191, Double.NaN);
        FlatMinimaCurvature end = new FlatMinimaCurvature(2.8e-5, -0.0075, 6.607, 43.6, 6.6, Double.NaN);
        FlatMinimaSummary s = FlatMinimaSummary.of("completed", c, 200, 3.14, start, end, "");
        assertEquals(new FlatMinimaSummary("completed", "zo-sgd", 200, 3.14, 20.5, 190.3, 2.8e-5, -0.0075, 6.607, 6.6,
                2, ""), s);
        assertEquals("zo-sgd completed 200 steps in 3.1 s: L = 2.80e-05, r = -0.00750, Tr H = 6.607 "
                + "(from 190.3; flattest minimum 2)", s.line());
    }
}
