package dev.zotuner.tuner.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateTest {

    @Test
    void constantAndLinearSchedules() {
        assertEquals(1e-3, LearningRate.constant(1e-3).at(1_000_000), 0);
        LearningRate linear = LearningRate.linear(1.0, 4);
        assertEquals(1.0, linear.at(0), 0);
        assertEquals(0.75, linear.at(1), 0);
        assertEquals(0.25, linear.at(3), 0);
        assertEquals(0.0, linear.at(4), 0);
        assertEquals(0.0, linear.at(9), 0);
    }

    @Test
    void rejectsNonsense() {
        assertEquals("learning rate -1.0 must be finite and >= 0",
                assertThrows(IllegalArgumentException.class, () -> LearningRate.constant(-1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> LearningRate.constant(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> LearningRate.linear(1, 0));
    }
}
