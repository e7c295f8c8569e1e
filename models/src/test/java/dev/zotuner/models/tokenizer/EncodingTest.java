package dev.zotuner.models.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EncodingTest {

    @Test
    void isImmutableAndChecksLengths() {
        long[] ids = {2, 7, 3};
        Encoding e = new Encoding(ids, new long[] {1, 1, 1}, new long[3]);
        ids[1] = 99;
        e.ids()[0] = 99;
        assertArrayEquals(new long[] {2, 7, 3}, e.ids());
        assertEquals(3, e.length());
        assertThrows(IllegalArgumentException.class, () -> new Encoding(new long[2], new long[3], new long[3]));
    }
}
