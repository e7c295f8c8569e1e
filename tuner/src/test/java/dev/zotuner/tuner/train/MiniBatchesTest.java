package dev.zotuner.tuner.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MiniBatchesTest {

    @Test
    void eachEpochCoversEveryExampleOnce() {
        MiniBatches b = new MiniBatches(10, 4, 3);
        int[] seen = new int[10];
        for (long s = 0; s < 3; s++) {        // one epoch = batches of 4, 4, 2
            for (int i : b.at(s)) {
                seen[i]++;
            }
        }
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, seen);
        assertEquals(2, b.at(2).length);
    }

    @Test
    void pureFunctionOfSeedAndStepAndEpochsDiffer() {
        assertArrayEquals(new MiniBatches(32, 16, 42).at(5), new MiniBatches(32, 16, 42).at(5));
        assertNotEquals(Arrays.toString(new MiniBatches(32, 16, 42).at(0)), Arrays.toString(new MiniBatches(32, 16, 42).at(2)));
    }

    @Test
    void fullBatchIsEveryExampleInOrder() {
        assertArrayEquals(new int[] {0, 1, 2, 3}, new MiniBatches(4, 0, 1).at(7));
    }
}
