package dev.zotuner.tuner.perturb;

import java.nio.charset.StandardCharsets;

/**
 * The SplitMix64 mixing functions (Steele, Lea &amp; Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014), exactly as in {@link java.util.SplittableRandom}: {@code mix64} is
 * Stafford's "Mix13" 64-bit finalizer, {@code mixGamma} makes an odd Weyl increment with enough bit
 * transitions. {@code mix64(seed + GOLDEN_GAMMA)} equals {@code new SplittableRandom(seed).nextLong()}.
 *
 * <p>Pure functions only; every seed derivation in the tuner is built from these.
 */
public final class SplitMix64 {

    /** The golden-ratio Weyl increment 2^64/φ, SplittableRandom's default gamma. */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    static final long MIX_1 = 0xBF58476D1CE4E5B9L;
    static final long MIX_2 = 0x94D049BB133111EBL;

    private static final long FNV_OFFSET = 0xCBF29CE484222325L;
    private static final long FNV_PRIME = 0x100000001B3L;

    private SplitMix64() {
    }

    /** Stafford's Mix13: a bijective 64-bit avalanche (SplitMix64's output function). */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * MIX_1;
        z = (z ^ (z >>> 27)) * MIX_2;
        return z ^ (z >>> 31);
    }

    /** An odd Weyl increment derived from {@code z} with at least 24 bit transitions (SplittableRandom). */
    public static long mixGamma(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        z = (z ^ (z >>> 33)) | 1L;
        int transitions = Long.bitCount(z ^ (z >>> 1));
        return transitions < 24 ? z ^ 0xAAAAAAAAAAAAAAAAL : z;
    }

    /** The {@code n}-th output (n ≥ 0) of SplitMix64 seeded with {@code seed}: a counter-based hash. */
    public static long at(long seed, long n) {
        return mix64(seed + (n + 1) * GOLDEN_GAMMA);
    }

    /** 64-bit hash of a name: FNV-1a over its UTF-8 bytes, then {@link #mix64}. */
    public static long hash(String name) {
        long h = FNV_OFFSET;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * FNV_PRIME;
        }
        return mix64(h);
    }
}
