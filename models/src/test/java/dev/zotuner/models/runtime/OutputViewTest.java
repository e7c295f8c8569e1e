package dev.zotuner.models.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    }
}
