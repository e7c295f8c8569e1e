package dev.zotuner.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExampleTest {

    @Test
    void keepsItsFields() {
        Example e = new Example(7, "A fine film .", 1);
        assertEquals(7, e.row());
        assertEquals("A fine film .", e.text());
        assertEquals(1, e.label());
    }

    @Test
    void rejectsNegativeRowOrLabelAndNullText() {
        assertThrows(IllegalArgumentException.class, () -> new Example(-1, "x", 0));
        assertThrows(IllegalArgumentException.class, () -> new Example(0, "x", -1));
        assertThrows(NullPointerException.class, () -> new Example(0, null, 0));
    }
}
