package dev.zotuner.tasks.kshot;

/**
 * SplitMix64 (Steele, Lea and Flood 2014, "Fast Splittable Pseudorandom Number Generators"),
 * the generator behind {@code java.util.SplittableRandom}, written out here so that k-shot splits
 * depend on this specification only and never on a JDK's library code:
 *
 * <pre>
 *   state += 0x9E3779B97F4A7C15
 *   z = state
 *   z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9
 *   z = (z ^ (z >>> 27)) * 0x94D049BB133111EB
 *   return z ^ (z >>> 31)
 * </pre>
 * Instances are mutable and not thread-safe; each use creates its own from an explicit seed.
 */
public final class SplitMix64 {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    /** A generator whose first output is {@code mix(seed + GOLDEN_GAMMA)}. */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /**
     * A uniform integer in {@code [0, bound)}: the top 63 bits of {@link #nextLong()}, rejected and
     * redrawn while they fall in the incomplete last block of size {@code 2^63 mod bound} (so there
     * is no modulo bias), then reduced modulo {@code bound}.
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long remainder = (Long.MAX_VALUE % bound + 1) % bound; // 2^63 mod bound
        long limit = Long.MAX_VALUE - remainder;
        long u;
        do {
            u = nextLong() >>> 1;
        } while (u > limit);
        return (int) (u % bound);
    }

    /**
     * A uniformly random permutation of {@code 0..n-1} by Fisher–Yates (Durstenfeld's form): start
     * from the identity and, for {@code i = n-1} down to {@code 1}, swap element {@code i} with
     * element {@code nextInt(i + 1)}.
     */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** SplitMix64's output function (Stafford's "Mix13" variant of the MurmurHash3 finalizer). */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
