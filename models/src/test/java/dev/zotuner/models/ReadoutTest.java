package dev.zotuner.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.models.runtime.OutputView;
import dev.zotuner.models.tokenizer.Encoding;
import dev.zotuner.models.tokenizer.TokenBatch;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadoutTest {

    /** Output value at (row, pos, k) = 100 row + 10 pos + k. */
    private static OutputView output(int batch, int seq, int width) {
        float[] v = new float[batch * seq * width];
        for (int r = 0; r < batch; r++) {
            for (int p = 0; p < seq; p++) {
                for (int k = 0; k < width; k++) {
                    v[(r * seq + p) * width + k] = 100 * r + 10 * p + k;
                }
            }
        }
        return new OutputView(FloatBuffer.wrap(v), batch, seq, width);
    }

    private static TokenBatch batch(long[]... rows) {
        return TokenBatch.pad(Arrays.stream(rows)
                .map(ids -> new Encoding(ids, ones(ids.length), new long[ids.length])).toList(), 0);
    }

    private static long[] ones(int n) {
        long[] a = new long[n];
        Arrays.fill(a, 1);
        return a;
    }

    @Test
    void maskLogitsAtTheFirstMaskOptionallyRestricted() {
        TokenBatch b = batch(new long[] {2, 4, 4, 3}, new long[] {2, 7, 4});
        Representations full = Readout.maskLogits(output(2, 4, 5), b, 4, null);
        assertArrayEquals(new float[] {10, 11, 12, 13, 14}, full.row(0));
        assertArrayEquals(new float[] {120, 121, 122, 123, 124}, full.row(1));
        Representations some = Readout.maskLogits(output(2, 4, 5), b, 4, new int[] {4, 0});
        assertArrayEquals(new float[] {14, 10, 124, 120}, some.values());
        assertThrows(IllegalArgumentException.class, () -> Readout.maskLogits(output(2, 4, 5), b, 9, null));
        assertThrows(IllegalArgumentException.class, () -> Readout.maskLogits(output(2, 4, 5), b, 4, new int[] {5}));
    }

    @Test
    void lastRealTokenIgnoresPadding() {
        TokenBatch b = batch(new long[] {5, 6}, new long[] {5, 6, 7, 8});
        Representations r = Readout.lastTokenLogits(output(2, 4, 3), b, new int[] {2});
        assertArrayEquals(new float[] {12, 132}, r.values());
    }

    @Test
    void aSlicedOutputIsReadAtThePositionsItHoldsAndOnlyThere() {
        TokenBatch b = batch(new long[] {2, 4, 4, 3}, new long[] {2, 7, 4});
        OutputView atMasks = new OutputView(FloatBuffer.wrap(new float[] {10, 11, 12, 120, 121, 122}), 2, 1, 3,
                new int[] {1, 2});
        assertArrayEquals(new float[] {12, 10, 122, 120},
                Readout.logits(atMasks, b, ReadPositions.mask(4), new int[] {2, 0}).values());
        assertArrayEquals(Readout.maskLogits(output(2, 4, 3), b, 4, null).values(),
                Readout.maskLogits(atMasks, b, 4, null).values(), "what the whole output holds at the masks");
        OutputView atLast = new OutputView(FloatBuffer.wrap(new float[] {30, 31, 32, 120, 121, 122}), 2, 1, 3,
                new int[] {3, 2});
        assertArrayEquals(new float[] {30, 31, 32, 120, 121, 122},
                Readout.lastTokenLogits(atLast, b, null).values());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Readout.lastTokenLogits(atMasks, b, null));
        assertEquals("row 0 of the sliced output holds position 1, not 3", e.getMessage());
        OutputView noMask = new OutputView(FloatBuffer.wrap(new float[6]), 2, 1, 3, new int[] {0, 0});
        e = assertThrows(IllegalArgumentException.class, () -> Readout.maskLogits(noMask, b, 9, null));
        assertEquals("example 0 has no mask token (id 9)", e.getMessage(), "as from a whole output");
    }

    @Test
    void meanAndClsPoolingWithNormalisation() {
        TokenBatch b = batch(new long[] {2, 5, 3}, new long[] {2, 3});
        Representations mean = Readout.pooled(output(2, 3, 2), b, Pooling.MEAN, false);
        assertArrayEquals(new float[] {10, 11, 105, 106}, mean.values(), "padding is excluded from the mean");
        Representations cls = Readout.pooled(output(2, 3, 2), b, Pooling.CLS, false);
        assertArrayEquals(new float[] {0, 1, 100, 101}, cls.values());
        Representations unit = Readout.pooled(output(2, 3, 2), b, Pooling.MEAN, true);
        double norm = Math.hypot(unit.get(0, 0), unit.get(0, 1));
        assertEquals(1.0, norm, 1e-6);
        assertEquals(10 / Math.hypot(10, 11), unit.get(0, 0), 1e-6);
        assertEquals(List.of(2, 2), List.of(unit.count(), unit.dim()));
    }
}
