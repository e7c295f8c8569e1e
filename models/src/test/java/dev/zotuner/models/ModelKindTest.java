package dev.zotuner.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelKindTest {

    @Test
    void labelsParseBackAndOnlyLmsHaveLogits() {
        for (ModelKind k : ModelKind.values()) {
            assertEquals(k, ModelKind.parse(k.label().toUpperCase()));
        }
        assertTrue(ModelKind.MLM.hasLogits() && ModelKind.CAUSAL.hasLogits());
        assertFalse(ModelKind.ENCODER.hasLogits());
        assertEquals("unknown model kind 'seq2seq' (known: mlm, causal, encoder)",
                assertThrows(ModelException.class, () -> ModelKind.parse("seq2seq")).getMessage());
    }
}
