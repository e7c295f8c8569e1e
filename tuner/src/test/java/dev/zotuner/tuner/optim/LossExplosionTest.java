package dev.zotuner.tuner.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LossExplosionTest {

    @Test
    void aThousandTimesTheReferenceButAtLeastAThousand() {
        assertEquals(1000, LossExplosion.limit(0.2));
        assertEquals(20_000, LossExplosion.limit(20));
        assertFalse(LossExplosion.exceeded(999, 0.7));
        assertTrue(LossExplosion.exceeded(1000.5, 0.7));
        assertTrue(LossExplosion.exceeded(Double.NaN, 0.7));
        assertTrue(LossExplosion.exceeded(Double.POSITIVE_INFINITY, 0.7));
    }
}
