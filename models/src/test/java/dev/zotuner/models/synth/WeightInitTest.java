package dev.zotuner.models.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WeightInitTest {

    @Test
    void huggingFaceDefaults() {
        assertEquals(new WeightInit.Normal(0.02), WeightInit.normal());
        assertEquals(new WeightInit.Fill(1f), WeightInit.ones());
        assertEquals(new WeightInit.Fill(0f), WeightInit.zeros());
    }

    @Test
    void onlyRandomMatricesCanBeTransposed() {
        assertThrows(IllegalArgumentException.class, () ->
                new WeightInit.Transposed(new WeightSpec("bias", new long[] {4}, WeightInit.normal())));
        assertThrows(IllegalArgumentException.class, () ->
                new WeightInit.Transposed(new WeightSpec("ones", new long[] {4, 4}, WeightInit.ones())));
    }
}
