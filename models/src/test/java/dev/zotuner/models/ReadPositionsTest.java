package dev.zotuner.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.tokenizer.Encoding;
import dev.zotuner.models.tokenizer.TokenBatch;
import java.util.Arrays;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ReadPositionsTest {

    private static TokenBatch batch(long[]... rows) {
        return TokenBatch.pad(Arrays.stream(rows).map(ids -> {
            long[] ones = new long[ids.length];
            Arrays.fill(ones, 1);
            return new Encoding(ids, ones, new long[ids.length]);
        }).toList(), 0);
    }

    @Test
    void aMaskedLmReadsItsFirstMaskAndMarksARowWithout() {
        TokenBatch b = batch(new long[] {2, 4, 9, 4}, new long[] {2, 7}, new long[] {4, 3, 3});
        assertArrayEquals(new int[] {1, ReadPositions.NONE, 0}, ReadPositions.mask(4).of(b));
    }

    @Test
    void aCausalLmReadsItsLastRealTokenWhateverThePadding() {
        TokenBatch b = batch(new long[] {5, 6}, new long[] {5, 6, 7, 8}, new long[] {9});
        assertEquals(4, b.length());
        assertArrayEquals(new int[] {1, 3, 0}, ReadPositions.lastToken().of(b));
        long[] positionIds = b.positionIds();
        assertEquals(1, positionIds[0 * 4 + 1], "the position id there is the position read");
    }

    @Test
    void anEncoderHasNothingToReadAndAMaskedLmWithoutAMaskTokenReadsNoRow() {
        assertTrue(ReadPositions.of(ModelKind.ENCODER, OptionalInt.of(4)).isEmpty());
        assertEquals(ReadPositions.lastToken(), ReadPositions.of(ModelKind.CAUSAL, OptionalInt.empty()).orElseThrow());
        ReadPositions none = ReadPositions.of(ModelKind.MLM, OptionalInt.empty()).orElseThrow();
        assertArrayEquals(new int[] {ReadPositions.NONE}, none.of(batch(new long[] {0, 1, 2})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReadPositions(ModelKind.ENCODER, 0));
        assertEquals("an encoder has no logits position to read", e.getMessage());
    }
}
