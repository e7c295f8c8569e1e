package dev.zotuner.models.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBatchTest {

    private static Encoding enc(long... ids) {
        long[] ones = new long[ids.length];
        Arrays.fill(ones, 1);
        return new Encoding(ids, ones, new long[ids.length]);
    }

    @Test
    void padsOnTheRightToTheLongestRow() {
        TokenBatch b = TokenBatch.pad(List.of(enc(2, 9, 3), enc(2, 8, 4, 7, 3)), 0);
        assertEquals(2, b.size());
        assertEquals(5, b.length());
        assertArrayEquals(new long[] {2, 9, 3, 0, 0, 2, 8, 4, 7, 3}, b.ids());
        assertArrayEquals(new long[] {1, 1, 1, 0, 0, 1, 1, 1, 1, 1}, b.attentionMask());
        assertArrayEquals(new int[] {3, 5}, b.lengths());
        assertEquals(7, b.id(1, 3));
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 0, 1, 2, 3, 4}, b.positionIds());
    }

    @Test
    void findsTokensOnlyInTheRealPart() {
        TokenBatch b = TokenBatch.pad(List.of(enc(2, 9, 3), enc(2, 5, 6, 4, 3)), 4);
        assertEquals(3, b.firstPosition(1, 4));
        assertEquals(1, b.firstPosition(0, 9));
        assertEquals(4, b.id(0, 3));
        assertEquals(-1, b.firstPosition(0, 4), "padding with the searched id is not a hit");
    }

    @Test
    void rejectsMismatchedArraysAndEmptyBatches() {
        assertThrows(IllegalArgumentException.class, () -> TokenBatch.pad(List.of(), 0));
        assertEquals("text 1 of the batch encodes to no tokens",
                assertThrows(IllegalArgumentException.class, () -> TokenBatch.pad(List.of(enc(2, 3), enc()), 0)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new TokenBatch(1, 2, new long[3], new long[2], new long[2], new int[] {2}));
    }
}
