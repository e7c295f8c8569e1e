package dev.zotuner.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RepresentationsTest {

    @Test
    void rowsAndComponents() {
        float[] values = {1, 2, 3, 4, 5, 6};
        Representations r = new Representations(2, 3, values);
        values[0] = 99;
        assertEquals(1, r.get(0, 0), "defensive copy");
        assertEquals(6, r.get(1, 2));
        assertArrayEquals(new float[] {4, 5, 6}, r.row(1));
        assertThrows(IllegalArgumentException.class, () -> new Representations(2, 2, values));
    }
}
