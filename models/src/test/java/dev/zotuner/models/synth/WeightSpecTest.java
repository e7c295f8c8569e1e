package dev.zotuner.models.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WeightSpecTest {

    @Test
    void sizesAndDefensiveCopies() {
        long[] dims = {2048, 8192};
        WeightSpec w = new WeightSpec("fc1", dims, WeightInit.normal());
        dims[0] = 1;
        assertArrayEquals(new long[] {2048, 8192}, w.dims());
        w.dims()[1] = 3;
        assertEquals(2048L * 8192, w.size());
        assertEquals(2048L * 8192 * 4, w.bytes());
        assertFalse(w.derived());
        assertEquals(new WeightSpec("fc1", new long[] {2048, 8192}, WeightInit.normal()), w);
        assertEquals("fc1[2048, 8192]", w.toString());
    }

    @Test
    void aTransposedCopyIsDerived() {
        WeightSpec e = new WeightSpec("embed", new long[] {10, 4}, WeightInit.normal());
        assertTrue(new WeightSpec("t", new long[] {4, 10}, new WeightInit.Transposed(e)).derived());
    }
}
