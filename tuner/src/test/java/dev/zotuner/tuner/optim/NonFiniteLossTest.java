package dev.zotuner.tuner.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

class NonFiniteLossTest {

    @Test
    void namesMethodStepAndBothLossesOnOneLine() {
        NonFiniteLoss e = new NonFiniteLoss("zo-sgd", 7, ProjectedGradient.of(3, Double.NaN, 0.5, 1e-3f));
        assertEquals("zo-sgd: step 7: non-finite loss (L(θ+εz) = NaN, L(θ−εz) = 0.5); θ restored, no update applied",
                e.getMessage());
        assertInstanceOf(IllegalStateException.class, e);
    }
}
