package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.models.ModelException;
import org.junit.jupiter.api.Test;

class LoraAdapterTest {

    private static LoraAdapter adapter(int in, int out, int rank, double scaling) {
        return new LoraAdapter("m", "m.weight", "m.lora_A", "m.lora_B", in, out, rank, scaling, 5);
    }

    @Test
    void mergeAddsScaledLowRankProductInMatMulLayout() {
        LoraAdapter a = adapter(2, 3, 2, 0.5);
        float[] w = {1, 2, 3, 4, 5, 6};
        float[] av = {1, 2, 3, 4};          // A [2, 2]
        float[] bv = {1, 0, -1, 0, 1, 2};   // B [2, 3]
        // A·B = [[1, 2, 3], [3, 4, 5]]; W + 0.5·A·B:
        assertArrayEquals(new float[] {1.5f, 3, 4.5f, 5.5f, 7, 8.5f}, a.merge(w, av, bv));
        assertArrayEquals(w, a.merge(w, av, new float[6]), "B = 0 leaves W as it is");
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, w, "W itself is not changed");
    }

    @Test
    void sizeAndInitialValuesAndShapeChecks() {
        LoraAdapter a = adapter(384, 384, 8, 1);
        assertEquals(384 * 8 + 8 * 384, a.size());
        assertArrayEquals(LoraAdapters.initialA("m.lora_A", 384, 8, 5), a.initialA());
        assertEquals(1f / 3, adapter(2, 2, 3, 1.0 / 3).graphScaling());
        ModelException e = assertThrows(ModelException.class, () -> adapter(2, 3, 1, 1).merge(new float[6], new float[3], new float[3]));
        assertEquals("LoRA tensor m.lora_A: 3 values, shape needs 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> adapter(0, 3, 1, 1));
    }
}
