package dev.zotuner.tuner.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitMix64Test {

    @Test
    void atIsSplittableRandomsSequence() {
        for (long seed : new long[] {0, 1, -7, 0x1234_5678_9ABC_DEF0L}) {
            SplittableRandom jdk = new SplittableRandom(seed);
            for (long n = 0; n < 100; n++) {
                assertEquals(jdk.nextLong(), SplitMix64.at(seed, n), "seed " + seed + " n " + n);
            }
        }
    }

    @Test
    void mixGammaIsOddWithManyTransitions() {
        for (long z = 0; z < 10_000; z++) {
            long g = SplitMix64.mixGamma(z * 0x9E37L);
            assertEquals(1, g & 1);
            assertTrue(Long.bitCount(g ^ (g >>> 1)) >= 24);
        }
    }

    @Test
    void nameHashIsFnv1aThenMix() {
        assertEquals(SplitMix64.mix64(0xCBF29CE484222325L), SplitMix64.hash(""));
        // FNV-1a("a") = 0xaf63dc4c8601ec8c (published test vector)
        assertEquals(SplitMix64.mix64(0xAF63DC4C8601EC8CL), SplitMix64.hash("a"));
        Set<Long> seen = new HashSet<>();
        for (int layer = 0; layer < 100; layer++) {
            assertTrue(seen.add(SplitMix64.hash("encoder.layer." + layer + ".attention.self.query.weight")));
        }
        assertNotEquals(SplitMix64.hash("ab"), SplitMix64.hash("ba"));
    }

    @Test
    void mix64IsBijectiveOnASample() {
        Set<Long> seen = new HashSet<>();
        for (long z = 0; z < 100_000; z++) {
            assertTrue(seen.add(SplitMix64.mix64(z)));
        }
    }
}
