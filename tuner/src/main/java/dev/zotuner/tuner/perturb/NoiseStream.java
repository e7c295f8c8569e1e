package dev.zotuner.tuner.perturb;

/**
 * The random stream of one tensor in one perturbation: a counter-based SplitMix64 hash,
 * {@code hash(n) = mix64(key + n·gamma)}, whose key and odd Weyl increment are derived from the
 * step seed and the tensor's NAME only — so the noise of a tensor never depends on which other
 * tensors are trainable, on their order, or on how the work is split across threads.
 *
 * <p>Each stream has its own gamma (as in SplittableRandom's {@code split}), so two streams can
 * coincide in isolated positions but never as shifted copies of one another.
 *
 * @param key   Weyl starting point
 * @param gamma odd Weyl increment
 */
public record NoiseStream(long key, long gamma) {

    private static final long STREAM_SALT = 0x5A0C_0DE5_7EA4_1234L;

    public NoiseStream {
        if ((gamma & 1) == 0) {
            throw new IllegalArgumentException("noise stream gamma must be odd, got " + gamma);
        }
    }

    /** The stream of the tensor named {@code tensor} under perturbation seed {@code seed}. */
    public static NoiseStream of(long seed, String tensor) {
        long s = SplitMix64.mix64(seed) ^ SplitMix64.hash(tensor);
        return new NoiseStream(SplitMix64.mix64(s), SplitMix64.mixGamma(s + STREAM_SALT));
    }

    /** The 64 random bits at counter position {@code n}. */
    public long hash(long n) {
        return SplitMix64.mix64(key + n * gamma);
    }

    /** One 32-bit half of {@link #hash}: {@code half} 0 is the low word, 1 the high word. */
    public int word(long n, int half) {
        long h = hash(n);
        return half == 0 ? (int) h : (int) (h >>> 32);
    }
}
