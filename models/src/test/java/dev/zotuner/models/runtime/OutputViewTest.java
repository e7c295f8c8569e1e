package dev.zotuner.models.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class OutputViewTest {

    @Test
    void indexesRowMajorAndIsReadOnly() {
        float[] values = new float[2 * 3 * 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        OutputView v = new OutputView(FloatBuffer.wrap(values), 2, 3, 4);
        assertEquals(1 * 12 + 2 * 4 + 3, v.get(1, 2, 3));
        assertEquals(16, v.offset(1, 1));
        assertTrue(v.data().isReadOnly());
        assertThrows(IllegalArgumentException.class, () -> new OutputView(FloatBuffer.wrap(values), 2, 3, 5));
        assertFalse(v.sliced());
        assertNull(v.positions());
    }

    @Test
    void aSlicedOutputHoldsOnePositionPerRowAndIsReadAtThatPositionOnly() {
        float[] values = {0, 1, 2, 10, 11, 12};
        int[] positions = {4, 0};
        OutputView v = new OutputView(FloatBuffer.wrap(values), 2, 1, 3, positions);
        positions[0] = 9;
        assertTrue(v.sliced());
        assertArrayEquals(new int[] {4, 0}, v.positions(), "a copy of the positions");
        assertEquals(3, v.offset(1, 0));
        assertEquals(2, v.get(0, 4, 2), "row 0 holds token position 4");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.offset(0, 3));
        assertEquals("row 0 of the sliced output holds position 4, not 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OutputView(FloatBuffer.wrap(new float[12]), 2, 2, 3,
                new int[] {0, 1}), "a sliced output holds one position per row");
        assertThrows(IllegalArgumentException.class, () -> new OutputView(FloatBuffer.wrap(values), 2, 1, 3,
                new int[] {0}));
        assertEquals(v, new OutputView(FloatBuffer.wrap(values), 2, 1, 3, new int[] {4, 0}));
        assertNotEquals(v, new OutputView(FloatBuffer.wrap(values), 2, 1, 3, new int[] {4, 1}));
    }
}
