package dev.zotuner.models.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class SyntheticValuesTest {

    private static float[] fill(SyntheticValues v, WeightSpec w, long from, int n) {
        FloatBuffer b = FloatBuffer.allocate(n);
        v.fill(w, from, b);
        return b.array();
    }

    @Test
    void normalWeightsHaveTheRequestedMeanAndStandardDeviation() {
        WeightSpec w = new WeightSpec("w", new long[] {1000, 200}, WeightInit.normal());
        float[] x = fill(new SyntheticValues(1), w, 0, 200_000);
        double mean = 0;
        double sq = 0;
        double max = 0;
        for (float v : x) {
            mean += v / x.length;
            sq += (double) v * v / x.length;
            max = Math.max(max, Math.abs(v));
        }
        assertEquals(0, mean, 2e-4);
        assertEquals(0.02, Math.sqrt(sq - mean * mean), 2e-4);
        assertTrue(max < 0.02 * 3.47 && max > 0.02 * 2.5, "Irwin-Hall(4) is bounded at ±3.46σ: " + max);
    }

    @Test
    void valuesAreAPureFunctionOfSeedNameAndIndex() {
        WeightSpec w = new WeightSpec("layer.0.w", new long[] {64, 64}, WeightInit.normal());
        SyntheticValues v = new SyntheticValues(9);
        float[] whole = fill(v, w, 0, 4096);
        float[] tail = fill(v, w, 1000, 3096);
        for (int i = 0; i < tail.length; i++) {
            assertEquals(whole[1000 + i], tail[i], "chunks give the same values");
        }
        assertArrayEquals(whole, fill(new SyntheticValues(9), w, 0, 4096));
        assertNotEquals(whole[0], fill(new SyntheticValues(10), w, 0, 1)[0]);
        assertNotEquals(whole[0], fill(v, new WeightSpec("layer.1.w", w.dims(), w.init()), 0, 1)[0]);
    }

    @Test
    void aTransposedCopyIsTheTransposeInAnyChunk() {
        WeightSpec src = new WeightSpec("embed", new long[] {7, 5}, WeightInit.normal());
        WeightSpec t = new WeightSpec("onnx::MatMul_1", new long[] {5, 7}, new WeightInit.Transposed(src));
        SyntheticValues v = new SyntheticValues(3);
        float[] a = fill(v, src, 0, 35);
        float[] b = fill(v, t, 0, 35);
        float[] bTail = fill(v, t, 12, 23);
        for (int r = 0; r < 7; r++) {
            for (int c = 0; c < 5; c++) {
                assertEquals(a[r * 5 + c], b[c * 7 + r]);
            }
        }
        for (int i = 0; i < bTail.length; i++) {
            assertEquals(b[12 + i], bTail[i]);
        }
    }

    @Test
    void fillsAreConstant() {
        assertArrayEquals(new float[] {1, 1, 1}, fill(new SyntheticValues(1),
                new WeightSpec("ln.weight", new long[] {3}, WeightInit.ones()), 0, 3));
        assertArrayEquals(new float[] {0, 0}, fill(new SyntheticValues(1),
                new WeightSpec("b", new long[] {2}, WeightInit.zeros()), 0, 2));
    }
}
