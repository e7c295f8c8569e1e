package dev.zotuner.tasks.kshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitMix64Test {

    @Test
    void matchesTheReferenceOutputsForSeedZero() {
        // Vigna's splitmix64.c with x = 0.
        SplitMix64 r = new SplitMix64(0);
        assertEquals(0xE220A8397B1DCDAFL, r.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, r.nextLong());
        assertEquals(0x06C45D188009454FL, r.nextLong());
    }

    @Test
    void matchesSplittableRandomStream() {
        for (long seed : new long[] {13, 21, 42, 87, 100, -1}) {
            SplitMix64 ours = new SplitMix64(seed);
            SplittableRandom jdk = new SplittableRandom(seed);
            for (int i = 0; i < 100; i++) {
                assertEquals(jdk.nextLong(), ours.nextLong(), "seed " + seed + " draw " + i);
            }
        }
    }

    @Test
    void nextIntStaysInRangeAndCoversIt() {
        SplitMix64 r = new SplitMix64(7);
        int[] hits = new int[6];
        for (int i = 0; i < 6000; i++) {
            hits[r.nextInt(6)]++;
        }
        for (int h : hits) {
            assertTrue(h > 850 && h < 1150, Arrays.toString(hits));
        }
        assertEquals(0, new SplitMix64(1).nextInt(1));
        assertThrows(IllegalArgumentException.class, () -> r.nextInt(0));
    }

    @Test
    void permutationIsAPermutationAndPinned() {
        int[] p = new SplitMix64(42).permutation(1000);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        assertArrayEquals(new SplitMix64(42).permutation(1000), p);
        // Pinned so that a change to the shuffle (and so to every split) cannot go unnoticed.
        assertArrayEquals(new int[] {3, 8, 4, 2, 9, 5, 7, 1, 0, 6}, new SplitMix64(42).permutation(10));
        assertEquals(0, new SplitMix64(42).permutation(0).length);
    }

    @Test
    void permutationIsDurstenfeldOverTheStream() {
        // The documented algorithm, re-derived from SplittableRandom's identical stream.
        SplittableRandom jdk = new SplittableRandom(13);
        int[] expected = new int[50];
        Arrays.setAll(expected, i -> i);
        for (int i = expected.length - 1; i > 0; i--) {
            long bound = i + 1;
            long limit = Long.MAX_VALUE - (Long.MAX_VALUE % bound + 1) % bound;
            long u;
            do {
                u = jdk.nextLong() >>> 1;
            } while (u > limit);
            int j = (int) (u % bound);
            int t = expected[i];
            expected[i] = expected[j];
            expected[j] = t;
        }
        assertArrayEquals(expected, new SplitMix64(13).permutation(50));
    }
}
