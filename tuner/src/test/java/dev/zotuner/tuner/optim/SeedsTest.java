package dev.zotuner.tuner.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeedsTest {

    @Test
    void stepSeedsAreTheRunSeedsSplitMixSequence() {
        SplittableRandom run = new SplittableRandom(42);
        for (long t = 0; t < 10; t++) {
            long s = run.nextLong();
            assertEquals(s, Seeds.step(42, t));
            assertEquals(new SplittableRandom(s).nextLong(), Seeds.direction(42, t, 0));
        }
    }

    @Test
    void directionsAndStepsNeverRepeatInARun() {
        Set<Long> seen = new HashSet<>();
        for (long t = 0; t < 2000; t++) {
            for (int k = 0; k < 8; k++) {
                assertEquals(true, seen.add(Seeds.direction(7, t, k)));
            }
        }
        assertNotEquals(Seeds.direction(7, 0, 0), Seeds.direction(8, 0, 0));
    }

    @Test
    void blockPermutationsArePermutationsFreshPerEpoch() {
        int[] first = Seeds.blockPermutation(1, 0, 14);
        int[] sorted = first.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 14; i++) {
            assertEquals(i, sorted[i]);
        }
        assertArrayEquals(first, Seeds.blockPermutation(1, 0, 14));
        assertFalse(Arrays.equals(first, Seeds.blockPermutation(1, 1, 14)));
        assertFalse(Arrays.equals(first, Seeds.blockPermutation(2, 0, 14)));
        assertArrayEquals(new int[] {0}, Seeds.blockPermutation(1, 5, 1));
    }
}
