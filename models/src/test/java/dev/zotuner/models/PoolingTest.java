package dev.zotuner.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PoolingTest {

    @Test
    void parsesLabels() {
        assertEquals(Pooling.CLS, Pooling.parse("CLS"));
        assertEquals(Pooling.MEAN, Pooling.parse(" mean "));
        assertEquals("mean", Pooling.MEAN.label());
        assertThrows(ModelException.class, () -> Pooling.parse("max"));
    }
}
