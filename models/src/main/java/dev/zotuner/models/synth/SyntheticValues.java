package dev.zotuner.models.synth;

import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The values of generated weights as a pure function of (seed, tensor name, index), so a tensor is written in any
 * order, in chunks, without holding it, and a transposed copy is computed from its source's indices without reading
 * it back. Each value hashes its counter with SplitMix64's finaliser (the generator behind {@code SplittableRandom})
 * and sums the four 16-bit quarters of the hash: an Irwin–Hall(4) variate, close to Gaussian (bounded at ±3.46σ),
 * scaled to the wanted standard deviation. About 2 ns per value.
 *
 * @param seed the model's seed
 */
public record SyntheticValues(long seed) {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** Mean and standard deviation of a sum of four uniform 16-bit integers. */
    private static final double SUM_MEAN = 4 * 65535 / 2.0;
    private static final double SUM_STD = Math.sqrt(4 * (65536.0 * 65536.0 - 1) / 12.0);

    /** The stream key of a tensor: the seed mixed with a 64-bit FNV-1a hash of its name. */
    public long key(String tensor) {
        long h = 0xcbf29ce484222325L;
        for (byte b : tensor.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return mix(seed ^ mix(h));
    }

    /** Value {@code index} of the tensor with key {@code key}, standard deviation 1. */
    public static float standard(long key, long index) {
        long z = mix(key + (index + 1) * GOLDEN);
        long sum = (z & 0xffff) + ((z >>> 16) & 0xffff) + ((z >>> 32) & 0xffff) + (z >>> 48);
        return (float) ((sum - SUM_MEAN) / SUM_STD);
    }

    /**
     * Fills {@code out} (from its position to its limit) with values {@code from, from + 1, ...} of {@code w}; a
     * transposed weight reads its source's values at the transposed indices.
     */
    public void fill(WeightSpec w, long from, FloatBuffer out) {
        int n = out.remaining();
        if (w.init() instanceof WeightInit.Fill f) {
            for (int i = 0; i < n; i++) {
                out.put(f.value());
            }
        } else if (w.init() instanceof WeightInit.Normal g) {
            long key = key(w.name());
            float std = (float) g.std();
            for (int i = 0; i < n; i++) {
                out.put(std * standard(key, from + i));
            }
        } else {
            // w is [cols, rows] of a [rows, cols] source: its value (c, r) is the source's (r, c).
            WeightSpec source = ((WeightInit.Transposed) w.init()).source();
            float std = (float) ((WeightInit.Normal) source.init()).std();
            long key = key(source.name());
            long rows = source.dims()[0];
            long cols = source.dims()[1];
            long c = from / rows;
            long r = from % rows;
            for (int i = 0; i < n; i++) {
                out.put(std * standard(key, r * cols + c));
                if (++r == rows) {
                    r = 0;
                    c++;
                }
            }
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
