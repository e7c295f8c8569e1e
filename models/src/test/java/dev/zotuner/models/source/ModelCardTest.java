package dev.zotuner.models.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelCardTest {

    @Test
    void keepsItsFields() {
        ModelCard card = new ModelCard("org/m", "g:a", "MIT", 2, 8, 100);
        assertEquals("org/m", card.huggingFace());
        assertEquals(2, card.layers());
        assertEquals(100, card.parameters());
    }

    @Test
    void refusesNonPositiveSizesNamingTheModel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelCard("org/m", "g:a", "MIT", 0, 8, 100));
        assertTrue(e.getMessage().startsWith("org/m:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ModelCard("org/m", "g:a", "MIT", 2, 8, 0));
        assertThrows(NullPointerException.class, () -> new ModelCard("org/m", "g:a", null, 2, 8, 1));
    }
}
