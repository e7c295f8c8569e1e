package dev.zotuner.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LengthSortedBatchesTest {

    @Test
    void sortsByLengthThenIndexAndCoversEveryExampleOnce() {
        int[] lengths = {5, 1, 3, 1, 9};
        List<int[]> batches = LengthSortedBatches.of(lengths, 2);
        assertEquals(3, batches.size());
        assertArrayEquals(new int[] {1, 3}, batches.get(0));
        assertArrayEquals(new int[] {2, 0}, batches.get(1));
        assertArrayEquals(new int[] {4}, batches.get(2));
    }

    @Test
    void rejectsEmptyBatches() {
        assertThrows(IllegalArgumentException.class, () -> LengthSortedBatches.of(new int[] {1}, 0));
    }
}
